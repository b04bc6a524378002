namespace CodeSight.Actors.Dispatch;

/// <summary>A message and its sender as they travel through a mailbox. A struct, so queueing allocates nothing.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">The sender, or null for none.</param>
public readonly record struct Envelope(object Message, IActorRef? Sender);
