using System.Globalization;
using System.Text.RegularExpressions;
using CodeSight.Packaging.Tests.Support;

namespace CodeSight.Packaging.Tests;

/// <summary>
/// The samples, built like a user's repository against this run's packages from the folder feed: their tests pass
/// and their programs run.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class SampleTests(PackedRepository repository)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("GameLoop", "CodeSight.Engine")]
    [InlineData("GameLoop", "CodeSight.Persistence")]
    [InlineData("ActorHost", "CodeSight.Engine")]
    [InlineData("GameLoop.Tests", "CodeSight.TestKit")]
    [InlineData("GenericHost", "CodeSight.Hosting")]
    public void ASampleRestoresThisRunsPackageFromTheFolderFeed(string sample, string package)
    {
        repository.SamplesBuilt();
        var assets = File.ReadAllText(Path.Combine(repository.Samples, sample, "obj", "project.assets.json"));
        Assert.Contains($"\"{package}/{repository.Version}\"", assets, StringComparison.Ordinal);
        Assert.DoesNotContain("ProjectReference\": \"../../src", assets, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSampleTestsUsingTheTestKitPassAgainstThePackages()
    {
        repository.SamplesBuilt();
        var test = DotnetRun.Start(repository.Samples, TimeSpan.FromMinutes(2),
            "test", Path.Combine("GameLoop.Tests", "GameLoop.Tests.csproj"), "--no-build", repository.VersionProperty).EnsureSucceeded();
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+[1-9]", test.Output);
    }

    [Fact]
    public void TheGameLoopRunsItsFramesAndLeavesALedgerThatTheCodesightToolVerifies()
    {
        repository.SamplesBuilt();
        var ledger = Path.Combine(repository.WorkDirectory, "gameloop.db");

        var run = repository.RunSample("GameLoop", RunTimeout, "--frames", "90", "--db", ledger).EnsureSucceeded();
        Assert.Contains("frames: 90 in ", run.Output);
        Assert.Contains("trails: 90 admitted, 0 sampled out, 90 completed", run.Output);
        Assert.Contains(", 0 failed", run.Output);
        Assert.Contains("ledger verifies: ", run.Output);

        // The same ledger, checked by the codesight tool installed from the feed: the packages agree with each other.
        var tools = Path.Combine(repository.WorkDirectory, "tools");
        DotnetRun.Start(repository.Samples, TimeSpan.FromMinutes(2),
            "tool", "install", "codesight", "--tool-path", tools, "--version", repository.Version).EnsureSucceeded();
        var verify = DotnetRun.StartProgram(Path.Combine(tools, "codesight"), repository.WorkDirectory, RunTimeout, "ledger", "verify", "--db", ledger);
        Assert.True(verify.ExitCode == 0 && verify.Output.Contains("verifies", StringComparison.Ordinal), verify.Report());
    }

    [Fact]
    public void TheActorHostRunsAndItsSinkSawEveryPatrolItsAgentsRecorded()
    {
        repository.SamplesBuilt();

        var run = repository.RunSample("ActorHost", RunTimeout, "--seconds", "1", "--agents", "2").EnsureSucceeded();
        Assert.Contains("agents: 2, patrols: ", run.Output);
        Assert.Contains("scoreboard matches the engine", run.Output);
    }

    [Fact]
    public void TheGenericHostRecordsThroughTheInjectedRecorderAndItsLogsAndTrailsReachTheLedger()
    {
        repository.SamplesBuilt();
        var ledger = Path.Combine(repository.WorkDirectory, "generichost.db");

        var run = repository.RunSample("GenericHost", RunTimeout, "--seconds", "2", "--CodeSight:Ledger:Path", ledger).EnsureSucceeded();
        var turns = Number(run, @"^turns: (\d+)$");
        Assert.True(turns > 0, run.Report());
        Assert.Matches(@"trails: (\d+) admitted, \1 completed", run.Output);
        // Per turn: two closed probes and the log entry written inside the turn, now an observation of it.
        var entries = Number(run, @"^ledger verifies: (\d+) entries");
        Assert.True(entries >= 3 * turns, $"{entries} ledger entries for {turns} turns:\n{run.Report()}");
    }

    [Fact]
    public void ASampleRejectsABadOptionWithExitCode2AndSaysWhichOne()
    {
        repository.SamplesBuilt();

        var run = repository.RunSample("GameLoop", RunTimeout, "--frames", "many");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--frames: 'many' is not a number.", run.Output);
    }

    /// <summary>The number a line of the run's output carries, or a failure showing the whole output.</summary>
    private static long Number(DotnetRun run, string linePattern)
    {
        var match = Regex.Match(run.Output, linePattern, RegexOptions.Multiline);
        Assert.True(match.Success, $"no line matching {linePattern} in:\n{run.Report()}");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
