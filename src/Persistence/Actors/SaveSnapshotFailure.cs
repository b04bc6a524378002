namespace CodeSight.Persistence.Actors;

/// <summary>
/// Sent to a persistent actor (as a command) when its <c>SaveSnapshot</c> could not be serialised or stored. The
/// actor keeps running; its events are intact, so the only cost is a longer next recovery.
/// </summary>
/// <param name="Metadata">The snapshot that was not stored.</param>
/// <param name="Cause">Why.</param>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);
