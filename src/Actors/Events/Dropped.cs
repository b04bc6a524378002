namespace CodeSight.Actors.Events;

/// <summary>
/// A message refused on purpose: a full bounded mailbox, a router with no routee for it, an overload policy.
/// </summary>
/// <param name="Message">The message.</param>
/// <param name="Reason">Why it was dropped, naming the actor and the limit.</param>
/// <param name="Sender">Its sender, if any.</param>
/// <param name="Recipient">The actor it was meant for.</param>
public sealed record Dropped(object Message, string Reason, IActorRef? Sender, IActorRef Recipient)
    : AllDeadLetters(Message, Sender, Recipient);
