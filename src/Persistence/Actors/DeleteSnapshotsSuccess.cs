using CodeSight.Persistence.Snapshots;

namespace CodeSight.Persistence.Actors;

/// <summary>Sent to a persistent actor (as a command) when its <c>DeleteSnapshots</c> took effect.</summary>
/// <param name="Criteria">Which snapshots were deleted.</param>
/// <param name="Deleted">How many snapshots matched and were deleted.</param>
public sealed record DeleteSnapshotsSuccess(SnapshotCriteria Criteria, int Deleted);
