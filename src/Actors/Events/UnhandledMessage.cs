namespace CodeSight.Actors.Events;

/// <summary>A message an actor received but whose behaviour did not handle it.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Its sender, if any.</param>
/// <param name="Recipient">The actor that did not handle it.</param>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);
