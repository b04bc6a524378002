namespace CodeSight.Persistence.Snapshots;

/// <summary>A snapshot of one persistent actor's state, as saved and as loaded.</summary>
/// <param name="PersistenceId">The stream the snapshot belongs to; not empty.</param>
/// <param name="SequenceNumber">The sequence number of the last event the state includes.</param>
/// <param name="Created">When the snapshot was taken, stored to the millisecond.</param>
/// <param name="Manifest">Names the snapshot's type or format; may be empty.</param>
/// <param name="Snapshot">The serialised state.</param>
public sealed record SnapshotEntry(string PersistenceId, long SequenceNumber, DateTimeOffset Created, string Manifest, byte[] Snapshot);
