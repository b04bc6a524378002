using CodeSight.Persistence.Snapshots;

namespace CodeSight.Persistence.Actors.Internal;

/// <summary>The snapshot found (null when none matched), still serialised.</summary>
internal sealed record SnapshotLoaded(SnapshotEntry? Entry, int InstanceId);
