using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;

namespace CodeSight.Contracts.Tests.Signals;

public sealed class SignalTests
{
    private static readonly Probe Sample =
        new(ProbeId.New(), TrailId.New(), null, ProbeKind.Run, "session", 1, 2, ProbeStatus.Ok, ProbeAttributes.Empty, null);

    [Fact]
    public void EachSignalReportsItsPhase()
    {
        Signal[] signals = [new OpenSignal(Sample, 1), new UpdateSignal(Sample, 1), new CloseSignal(Sample, 2)];

        Assert.Equal([SignalPhase.Open, SignalPhase.Update, SignalPhase.Close], signals.Select(s => s.Phase));
    }

    [Fact]
    public void SignalsCompareByValue()
    {
        Assert.Equal(new CloseSignal(Sample, 2), new CloseSignal(Sample with { }, 2));
        Assert.NotEqual<Signal>(new CloseSignal(Sample, 2), new OpenSignal(Sample, 2));
    }

    [Fact]
    public void RejectsANullProbe()
    {
        Assert.Throws<ArgumentNullException>(() => new OpenSignal(null!, 0));
    }
}
