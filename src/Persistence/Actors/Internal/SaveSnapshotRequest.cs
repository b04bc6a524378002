using CodeSight.Actors;
using CodeSight.Persistence.Snapshots;

namespace CodeSight.Persistence.Actors.Internal;

/// <summary>Asks the snapshot store to keep a serialised snapshot; it answers SaveSnapshotSuccess or SaveSnapshotFailure.</summary>
internal sealed record SaveSnapshotRequest(SnapshotEntry Entry, IActorRef PersistentActor);
