namespace CodeSight.Persistence.Actors;

/// <summary>Identifies one snapshot of a persistent actor's state.</summary>
/// <param name="PersistenceId">The actor's persistence id.</param>
/// <param name="SequenceNr">Sequence number of the last event the snapshot's state includes.</param>
/// <param name="Timestamp">When the snapshot was taken (millisecond precision once stored).</param>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp);
