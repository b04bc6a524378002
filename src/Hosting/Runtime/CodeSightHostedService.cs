using CodeSight.Actors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeSight.Hosting.Runtime;

/// <summary>
/// Ties the runtime to the host's lifetime. The runtime starts when this service is built (first thing at host start,
/// since <c>AddCodeSight</c> registers it before the user's services); at host stop, which reaches it after the
/// services registered later, it stops the runtime within the host's shutdown timeout and reports through
/// <see cref="ILogger"/> everything that could not be drained or flushed. While the host runs, the kernel's own log
/// events (actor failures) go to the host's logging too, under <see cref="KernelLogForwarder.Category"/>.
/// </summary>
internal sealed class CodeSightHostedService(CodeSightRuntime runtime, ILogger<CodeSightHostedService> logger, ILoggerFactory loggers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var kernel = loggers.CreateLogger(KernelLogForwarder.Category);
        var forwarder = runtime.System.SystemActorOf(Props.Create(() => new KernelLogForwarder(kernel)), KernelLogForwarder.ActorName);
        // Subscribed here rather than in the forwarder's PreStart, which runs later on the pool: a failure right after
        // the host has started must already reach the host's logging.
        runtime.System.EventStream.Subscribe(forwarder, typeof(CodeSight.Actors.Events.LogEvent));
        logger.LogInformation(
            "CodeSight started: actor system {System}, {Sinks} sink(s), ledger {Ledger}, server {Server}.",
            runtime.System.Name, runtime.Sinks.Count, runtime.LedgerSettings?.Path ?? "off", DescribeForwarding(runtime.Forwarding));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var report = await runtime.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var problem in report.Problems)
        {
            logger.LogWarning("CodeSight stop: {Problem}", problem);
        }

        logger.LogInformation(
            "CodeSight stopped {Outcome}: {Flushed} sink(s) flushed, ledger {Ledger}.",
            report.IsClean ? "cleanly" : $"with {report.Problems.Count} problem(s)",
            report.SinksFlushed.Count,
            report.Ledger is { } ledger ? $"flushed at {ledger.Size} entries" : runtime.Ledger is null ? "off" : "not flushed");
    }

    private static string DescribeForwarding(CodeSight.Engine.Forwarding.ForwardingChoice? choice) => choice switch
    {
        null => "forwarding off",
        { Forwarding: true } => $"{choice.Location.Url} (found by {choice.Location.Source})",
        _ => "none found, recording embedded: " + choice.Location.Describe(),
    };
}
