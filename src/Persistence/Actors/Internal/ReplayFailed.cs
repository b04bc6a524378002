namespace CodeSight.Persistence.Actors.Internal;

/// <summary>The journal could not read the stream.</summary>
internal sealed record ReplayFailed(Exception Cause, int InstanceId);
