using CodeSight.Contracts.Probes;
using CodeSight.Engine.Recording;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeSight.Hosting.Tests.Support;

/// <summary>
/// A user's hosted service: it gets the <see cref="Recorder"/> and an <see cref="ILogger{T}"/> injected, records a
/// checkout trail (root and one child) and logs inside the child while it is the current probe.
/// </summary>
internal sealed class CheckoutWorker(Recorder recorder, ILogger<CheckoutWorker> logger, CheckoutOutcome outcome) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var root = recorder.OpenTrail("checkout");
        using (var charge = root.Child(ProbeKind.Tool, "charge-card"))
        using (charge.MakeCurrent())
        {
            outcome.Record(root, charge);
            logger.LogWarning(new EventId(7, "Charged"), "Charged {Amount} to order {OrderId}", 12.5, 4711);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
