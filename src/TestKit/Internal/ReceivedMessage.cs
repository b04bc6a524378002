namespace CodeSight.TestKit.Internal;

/// <summary>A message a probe received, with the sender it saw (dead letters when there was none).</summary>
internal readonly record struct ReceivedMessage(object Message, CodeSight.Actors.IActorRef Sender);
