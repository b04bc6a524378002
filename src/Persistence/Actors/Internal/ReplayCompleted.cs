namespace CodeSight.Persistence.Actors.Internal;

/// <summary>The replay ended; the stream's highest sequence number ever written (deleted ones included).</summary>
internal sealed record ReplayCompleted(long HighestSequenceNr, int InstanceId);
