namespace CodeSight.Engine.Sinks;

/// <summary>The reply to <see cref="GetSinkStats"/>: every sink registered in the system, in registration order.</summary>
/// <param name="Sinks">One snapshot per sink, stopped sinks included (their totals stay meaningful).</param>
public sealed record SinkStatsReport(IReadOnlyList<SinkStats> Sinks)
{
    /// <summary>The snapshot of the sink at <paramref name="sinkPath"/>.</summary>
    /// <exception cref="KeyNotFoundException">No sink with that path registered; the message lists those that did.</exception>
    public SinkStats For(string sinkPath) =>
        Sinks.FirstOrDefault(s => s.Sink == sinkPath)
        ?? throw new KeyNotFoundException($"No sink registered at '{sinkPath}'; registered: {(Sinks.Count == 0 ? "none" : string.Join(", ", Sinks.Select(s => s.Sink)))}.");

    /// <summary>Total signals dropped over every sink.</summary>
    public long TotalDropped => Sinks.Sum(s => s.Dropped);
}
