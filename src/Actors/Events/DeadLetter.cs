namespace CodeSight.Actors.Events;

/// <summary>A message sent to an actor that had already stopped (or to <c>DeadLetters</c> itself).</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Its sender, if any.</param>
/// <param name="Recipient">The actor it was meant for.</param>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient)
    : AllDeadLetters(Message, Sender, Recipient);
