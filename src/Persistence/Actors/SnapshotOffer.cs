namespace CodeSight.Persistence.Actors;

/// <summary>
/// The first message of a recovery that found a snapshot: <c>ReceiveRecover</c> restores its state from
/// <see cref="Snapshot"/>, then receives only the events written after <see cref="SnapshotMetadata.SequenceNr"/>.
/// </summary>
/// <param name="Metadata">Which snapshot this is.</param>
/// <param name="Snapshot">The state, deserialised by the persistence's serializer.</param>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);
