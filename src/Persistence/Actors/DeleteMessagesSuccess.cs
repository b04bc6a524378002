namespace CodeSight.Persistence.Actors;

/// <summary>Sent to a persistent actor (as a command) when its <c>DeleteMessages</c> took effect.</summary>
/// <param name="ToSequenceNr">Events up to and including this sequence number no longer replay.</param>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);
