using CodeSight.Actors;
using CodeSight.Persistence.Snapshots;

namespace CodeSight.Persistence.Actors.Internal;

/// <summary>Asks the snapshot store for the latest snapshot of a stream that matches the criteria.</summary>
internal sealed record LoadSnapshot(string PersistenceId, SnapshotCriteria Criteria, IActorRef PersistentActor, int InstanceId);
