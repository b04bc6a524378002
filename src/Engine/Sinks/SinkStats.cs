namespace CodeSight.Engine.Sinks;

/// <summary>A snapshot of one sink's counters, as <see cref="SinkHealth"/> reports them.</summary>
/// <param name="Sink">The sink actor's path.</param>
/// <param name="Kind">What the sink writes to: <c>console</c>, <c>file</c>, <c>stream</c>, or a custom sink's own word.</param>
/// <param name="Written">Close records written.</param>
/// <param name="Dropped">Signals dropped because the sink's mailbox was full.</param>
/// <param name="Errors">Records that failed to be written.</param>
/// <param name="LastError">The most recent failure (what failed and why), or null when there has been none.</param>
public sealed record SinkStats(string Sink, string Kind, long Written, long Dropped, long Errors, string? LastError = null)
{
    /// <summary>The sink's actor name: the last element of <see cref="Sink"/>.</summary>
    public string Name => Sink[(Sink.LastIndexOf('/') + 1)..];
}
