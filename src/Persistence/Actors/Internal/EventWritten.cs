namespace CodeSight.Persistence.Actors.Internal;

/// <summary>The journal committed the event; its persist handler may run.</summary>
internal sealed record EventWritten(long SequenceNr, int InstanceId);
