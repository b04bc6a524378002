using CodeSight.Actors;
using CodeSight.Hosting.Logging;
using CodeSight.Hosting.Runtime;
using CodeSight.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeSight.Hosting.Tests.Runtime;

public sealed class KernelLogForwardingTests
{
    [Fact]
    public async Task AnActorFailureReachesTheHostsLoggingButIsNeverRecordedAsAnObservation()
    {
        var logs = new CollectedLogs();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddCodeSight(options => options.Hocon = "codesight.stdout-loglevel = off");
        builder.Logging.AddCodeSight();
        using var host = builder.Build();
        await host.StartAsync();
        var runtime = host.Services.GetRequiredService<CodeSightRuntime>();
        var observations = new ObservationTap(runtime.System);
        var counters = host.Services.GetRequiredService<CodeSightLogCounters>();
        var recordedBefore = counters.Recorded;

        var fragile = runtime.System.ActorOf(Props.Create(() => new Fragile()), "fragile");
        fragile.Tell("break");

        var failure = await logs.WaitFor(entry => entry.Category == "CodeSight.Actors.Kernel" && entry.Level == LogLevel.Error);
        Assert.Contains("fragile", failure.Message, StringComparison.Ordinal);
        host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Shop.Marker").LogInformation("marker");
        await observations.NextFrom("Shop.Marker");
        Assert.DoesNotContain(observations.Drain(), o => o.Target.StartsWith("CodeSight.", StringComparison.Ordinal));
        Assert.Equal(recordedBefore + 1, counters.Recorded);
        await host.StopAsync();
    }

    private sealed class Fragile : ActorBase
    {
        protected override bool Receive(object message) => throw new InvalidOperationException("broken on purpose");
    }
}
