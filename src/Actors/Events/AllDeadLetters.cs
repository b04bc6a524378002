namespace CodeSight.Actors.Events;

/// <summary>
/// A message that did not reach an actor's behaviour. Subscribe to this type on the event stream to see every
/// kind: <see cref="DeadLetter"/> (the recipient was gone) and <see cref="Dropped"/> (refused by policy).
/// </summary>
public abstract record AllDeadLetters(object Message, IActorRef? Sender, IActorRef Recipient);
