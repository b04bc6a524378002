namespace CodeSight.Persistence.Actors.Internal;

/// <summary>The journal could not write the event (the database refused the transaction); the actor stops.</summary>
internal sealed record EventWriteFailed(long SequenceNr, Exception Cause, int InstanceId);
