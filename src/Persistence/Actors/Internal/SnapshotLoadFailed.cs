namespace CodeSight.Persistence.Actors.Internal;

/// <summary>The snapshot store could not be read.</summary>
internal sealed record SnapshotLoadFailed(Exception Cause, int InstanceId);
