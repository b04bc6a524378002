namespace CodeSight.Persistence.Actors;

/// <summary>Sent to a persistent actor (as a command) when its <c>DeleteMessages</c> failed; nothing was deleted.</summary>
/// <param name="Cause">Why.</param>
/// <param name="ToSequenceNr">The sequence number the deletion was asked to reach.</param>
public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr);
