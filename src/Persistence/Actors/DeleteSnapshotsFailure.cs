using CodeSight.Persistence.Snapshots;

namespace CodeSight.Persistence.Actors;

/// <summary>Sent to a persistent actor (as a command) when its <c>DeleteSnapshots</c> failed.</summary>
/// <param name="Criteria">Which snapshots were to be deleted.</param>
/// <param name="Cause">Why.</param>
public sealed record DeleteSnapshotsFailure(SnapshotCriteria Criteria, Exception Cause);
