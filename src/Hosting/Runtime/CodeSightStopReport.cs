using CodeSight.Engine.Sinks;
using CodeSight.Persistence.Ledger;

namespace CodeSight.Hosting.Runtime;

/// <summary>What a <see cref="CodeSightRuntime.StopAsync"/> achieved, and everything it could not do.</summary>
/// <param name="TrailsLeftRunning">Trails still running when the drain ended; their open probes reached no sink.</param>
/// <param name="SinksFlushed">Paths of the sinks that confirmed a flush of everything they had received.</param>
/// <param name="SinkStats">Every sink's totals at the end (written, dropped, errors), when they could be read.</param>
/// <param name="Ledger">The ledger's answer to its last flush, or null when there is no ledger or it did not answer.</param>
/// <param name="Terminated">Whether the actor system terminated within the step timeout.</param>
/// <param name="Problems">One sentence per thing that was not flushed or not stopped cleanly; empty for a clean stop.</param>
public sealed record CodeSightStopReport(
    int TrailsLeftRunning,
    IReadOnlyList<string> SinksFlushed,
    IReadOnlyList<SinkStats> SinkStats,
    LedgerFlushed? Ledger,
    bool Terminated,
    IReadOnlyList<string> Problems)
{
    /// <summary>True when everything was drained, flushed and stopped, and nothing was dropped or failed.</summary>
    public bool IsClean => Problems.Count == 0;
}
