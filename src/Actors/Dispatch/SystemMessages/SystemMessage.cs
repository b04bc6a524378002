namespace CodeSight.Actors.Dispatch;

/// <summary>
/// Kernel-internal messages about an actor's lifecycle. They travel in a separate queue and are always processed
/// before ordinary messages, even while the actor is suspended.
/// </summary>
internal abstract class SystemMessage;
