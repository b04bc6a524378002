using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Tests.Probes;

public sealed class ProbeFaultTests
{
    [Fact]
    public void CapturesAnExceptionsMessageTypeAndStack()
    {
        Exception caught;
        try
        {
            throw new InvalidOperationException("disk on fire");
        }
        catch (InvalidOperationException ex)
        {
            caught = ex;
        }

        var fault = ProbeFault.From(caught);

        Assert.Equal("disk on fire", fault.Message);
        Assert.Equal("System.InvalidOperationException", fault.Name);
        Assert.Contains(nameof(CapturesAnExceptionsMessageTypeAndStack), fault.Stack);
    }

    [Fact]
    public void CoercesOtherValuesToTheirText()
    {
        Assert.Equal(new ProbeFault("42"), ProbeFault.From((object)42));
        Assert.Equal(new ProbeFault("timeout"), ProbeFault.From((object)"timeout"));
        Assert.Equal(new ProbeFault("null"), ProbeFault.From((object?)null));
        Assert.Equal("System.ArgumentException", ProbeFault.From((object)new ArgumentException("x")).Name);
    }
}
