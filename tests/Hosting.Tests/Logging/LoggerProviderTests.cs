using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Recording;
using CodeSight.Engine.Redaction;
using CodeSight.Hosting.Logging;
using CodeSight.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeSight.Hosting.Tests.Logging;

public sealed class LoggerProviderTests
{
    [Fact]
    public async Task AnEntryLoggedWhileAProbeIsCurrentIsALogObservationOfThatProbe()
    {
        await using var host = await RunningHost.StartAsync();
        var logger = host.Logger("Shop.Payments");
        using var root = host.Runtime.Recorder.OpenTrail("pay");
        using (root.MakeCurrent())
        {
            logger.LogError("Card {Card} declined after {Attempts} attempts", "visa", 3);
        }

        var observation = await host.Observations.NextFrom("Shop.Payments");
        Assert.Equal(root.TrailId, observation.TrailId);
        Assert.Equal(root.Id, observation.ProbeId);
        Assert.Equal("log", observation.SightPoint);
        var payload = Assert.IsType<LogPayload>(observation.Payload);
        Assert.Equal("ERROR", payload.Level);
        Assert.Equal("Card visa declined after 3 attempts", payload.Message);
        Assert.Equal("Card {Card} declined after {Attempts} attempts", observation.Context["{OriginalFormat}"]);
        Assert.Equal("visa", observation.Context["Card"]);
        Assert.Equal(3, observation.Context["Attempts"]);
    }

    [Fact]
    public async Task AnEntryLoggedWithNoCurrentProbeBelongsToNoTrail()
    {
        await using var host = await RunningHost.StartAsync();
        using (host.Runtime.Recorder.OpenTrail("elsewhere"))
        {
            host.Logger("Shop.Idle").LogInformation("nothing open here");
        }

        var observation = await host.Observations.NextFrom("Shop.Idle");
        Assert.Null(observation.TrailId);
        Assert.Null(observation.ProbeId);
        Assert.Equal("INFO", ((LogPayload)observation.Payload!).Level);
    }

    [Fact]
    public async Task TheCurrentProbeFollowsTheAsyncFlowAndEndsWithItsScope()
    {
        await using var host = await RunningHost.StartAsync();
        var logger = host.Logger("Shop.Async");
        using var root = host.Runtime.Recorder.OpenTrail("async");
        using var child = root.Child(ProbeKind.Tool, "lookup");
        using (root.MakeCurrent())
        {
            using (child.MakeCurrent())
            {
                await Task.Yield();
                logger.LogInformation("inside the child");
            }

            logger.LogInformation("back in the root");
        }

        logger.LogInformation("outside");
        Assert.Equal(child.Id, (await host.Observations.NextFrom("Shop.Async")).ProbeId);
        Assert.Equal(root.Id, (await host.Observations.NextFrom("Shop.Async")).ProbeId);
        Assert.Null((await host.Observations.NextFrom("Shop.Async")).ProbeId);
    }

    [Fact]
    public async Task BeginScopeStatesAreCapturedInOrderAsTheScopesField()
    {
        await using var host = await RunningHost.StartAsync();
        var logger = host.Logger("Shop.Scoped");
        using (logger.BeginScope("Order {OrderId}", 42))
        using (logger.BeginScope("plain text scope"))
        {
            logger.LogInformation("scoped");
        }

        var scopes = Assert.IsType<List<object?>>((await host.Observations.NextFrom("Shop.Scoped")).Context["scopes"]);
        Assert.Equal(2, scopes.Count);
        var order = Assert.IsType<Dictionary<string, object?>>(scopes[0]);
        Assert.Equal(42, order["OrderId"]);
        Assert.Equal("Order {OrderId}", order["{OriginalFormat}"]);
        Assert.Equal("plain text scope", scopes[1]);
    }

    [Fact]
    public async Task AnExceptionIsRecordedWithItsTypeMessageAndStack()
    {
        await using var host = await RunningHost.StartAsync();
        Exception thrown;
        try
        {
            throw new InvalidOperationException("the till is closed", new TimeoutException("inner wait"));
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        host.Logger("Shop.Till").LogCritical(thrown, "till failed");
        var exception = Assert.IsType<Dictionary<string, object?>>((await host.Observations.NextFrom("Shop.Till")).Context["exception"]);
        Assert.Equal(typeof(InvalidOperationException).FullName, exception["type"]);
        Assert.Equal("the till is closed", exception["message"]);
        Assert.Contains(nameof(AnExceptionIsRecordedWithItsTypeMessageAndStack), (string)exception["stack"]!, StringComparison.Ordinal);
        Assert.Contains("inner wait", (string)exception["inner"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntriesBelowTheMinimumLevelAreNotEnabledAndNotRecorded()
    {
        await using var host = await RunningHost.StartAsync(logging: options => options.MinimumLevel = LogLevel.Warning);
        var logger = host.Logger("Shop.Levels");
        var counters = host.Host.Services.GetRequiredService<CodeSightLogCounters>();
        var before = counters.Recorded;
        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
        logger.LogInformation("too low");
        logger.LogWarning("high enough");

        Assert.Equal("high enough", ((LogPayload)(await host.Observations.NextFrom("Shop.Levels")).Payload!).Message);
        Assert.Equal(before + 1, counters.Recorded);
    }

    [Fact]
    public async Task TheLibrarysOwnCategoriesAreNeverRecordedSoRecordingCannotLoop()
    {
        await using var host = await RunningHost.StartAsync();
        var counters = host.Host.Services.GetRequiredService<CodeSightLogCounters>();
        var before = counters.Recorded;
        var own = host.Logger("CodeSight.Engine.Sinks.FileSink");
        Assert.False(own.IsEnabled(LogLevel.Critical));
        own.LogCritical("from inside the engine");
        host.Logger("Shop.After").LogInformation("marker");

        await host.Observations.NextFrom("Shop.After");
        Assert.DoesNotContain(host.Observations.Drain(), o => o.Target.StartsWith("CodeSight.Engine", StringComparison.Ordinal));
        Assert.Equal(before + 1, counters.Recorded);
    }

    [Fact]
    public async Task AnEntryLoggedWhileAnotherIsBeingRecordedIsDroppedAndCountedInsteadOfRecursing()
    {
        await using var host = await RunningHost.StartAsync();
        var logger = host.Logger("Shop.Reentrant");
        var counters = host.Host.Services.GetRequiredService<CodeSightLogCounters>();
        var before = counters.Recorded;
        logger.LogInformation("value {Value}", new LogsWhenFormatted(logger));

        var observation = await host.Observations.NextFrom("Shop.Reentrant");
        Assert.Equal("value formatted", ((LogPayload)observation.Payload!).Message);
        Assert.Equal("formatted", observation.Context["Value"]);
        // ToString ran twice while recording (once for the message, once for the field): both inner entries dropped.
        Assert.Equal(2, counters.DroppedReentrant);
        Assert.Equal(before + 1, counters.Recorded);
    }

    [Fact]
    public async Task SecretsInTheMessageAndFieldsAreScrubbed()
    {
        await using var host = await RunningHost.StartAsync();
        host.Logger("Shop.Auth").LogInformation("login with {Password}", "hunter2-hunter2");

        var observation = await host.Observations.NextFrom("Shop.Auth");
        Assert.Equal(SecretRedactor.ScrubbedToken, observation.Context["Password"]);
    }

    [Fact]
    public async Task EntriesLoggedAfterTheRuntimeStoppedAreCountedNotRecorded()
    {
        var host = await RunningHost.StartAsync();
        var logger = host.Logger("Shop.Late");
        var counters = host.Host.Services.GetRequiredService<CodeSightLogCounters>();
        await host.DisposeAsync();

        logger.LogInformation("too late");
        Assert.Equal(1, counters.DroppedNotRunning);
    }

    /// <summary>A value whose text form logs: the bridge calls ToString while it records the outer entry.</summary>
    private sealed class LogsWhenFormatted(ILogger logger)
    {
        public override string ToString()
        {
            logger.LogInformation("logged from inside ToString");
            return "formatted";
        }
    }
}
