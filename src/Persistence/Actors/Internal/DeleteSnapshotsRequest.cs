using CodeSight.Actors;
using CodeSight.Persistence.Snapshots;

namespace CodeSight.Persistence.Actors.Internal;

/// <summary>Asks the snapshot store to delete a stream's snapshots that match the criteria.</summary>
internal sealed record DeleteSnapshotsRequest(string PersistenceId, SnapshotCriteria Criteria, IActorRef PersistentActor);
