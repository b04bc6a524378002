namespace CodeSight.Actors.Events;

/// <summary>
/// A log entry published on the event stream, e.g. when an actor fails and its supervisor steps in. Subscribe to
/// <see cref="LogEvent"/> to receive them all.
/// </summary>
/// <param name="Level">Severity.</param>
/// <param name="Source">The path of the actor (or the kernel part) it concerns.</param>
/// <param name="Message">What happened.</param>
/// <param name="Cause">The exception, if any.</param>
/// <param name="Timestamp">When it happened (UTC).</param>
public sealed record LogEvent(LogLevel Level, string Source, string Message, Exception? Cause, DateTimeOffset Timestamp)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"[{Level.ToString().ToUpperInvariant()}] [{Timestamp:O}] [{Source}] {Message}" + (Cause is null ? "" : Environment.NewLine + Cause);
}
