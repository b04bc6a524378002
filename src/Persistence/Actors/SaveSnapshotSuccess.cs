namespace CodeSight.Persistence.Actors;

/// <summary>Sent to a persistent actor (as a command) when its <c>SaveSnapshot</c> was stored.</summary>
/// <param name="Metadata">The stored snapshot.</param>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);
