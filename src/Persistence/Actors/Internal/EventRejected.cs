namespace CodeSight.Persistence.Actors.Internal;

/// <summary>The event was not written because it could not be serialised; the actor goes on.</summary>
internal sealed record EventRejected(long SequenceNr, Exception Cause, int InstanceId);
