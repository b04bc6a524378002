namespace CodeSight.Server.Tests.Cli;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("serve", "--port", "70000")]
    [InlineData("serve", "--host", "nowhere.example")]
    [InlineData("serve", "--token", "short")]
    [InlineData("demo", "--port", "-1")]
    [InlineData("serve", "--bogus")]
    public async Task ExitsWithTwoOnBadUsage(params string[] args) => Assert.Equal(Program.BadUsage, await Program.Main(args));

    [Fact]
    public async Task ServeRunsForItsDurationAndExitsWithZero() =>
        Assert.Equal(Program.Ok, await Program.Main(["serve", "--port", "0", "--duration", "0.2"]));
}
