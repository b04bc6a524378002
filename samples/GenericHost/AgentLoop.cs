using CodeSight.Contracts.Probes;
using CodeSight.Engine.Recording;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GenericHost;

/// <summary>
/// An agent loop as a hosted service: each turn is a trail with a plan and a tool call, recorded through the injected
/// <see cref="Recorder"/>; the log line inside the turn becomes an observation of that turn's probe.
/// </summary>
public sealed class AgentLoop(Recorder recorder, ILogger<AgentLoop> logger) : BackgroundService
{
    private static readonly string[] Tools = ["search", "calculator", "weather"];

    /// <summary>Turns completed so far.</summary>
    public int Turns { get; private set; }

    // <embed:generic-host-service>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using var turn = recorder.OpenTrail("turn", ProbeKind.Turn);
            using var current = turn.MakeCurrent(); // log entries below belong to this turn
            var tool = Tools[Turns % Tools.Length];
            using (var call = turn.Child(ProbeKind.Tool, tool))
            {
                call.Note("query", $"question {Turns}");
            }

            logger.LogInformation("Turn {Turn} called {Tool}", Turns, tool);
            Turns++;
            await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
    // </embed:generic-host-service>
}
