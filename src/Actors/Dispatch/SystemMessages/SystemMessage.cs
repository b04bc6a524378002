namespace CodeSight.Actors.Dispatch;

/// <summary>
/// Kernel-internal messages about an actor's lifecycle. They travel in a separate queue and are always processed
/// before ordinary messages, even while the actor is suspended.
/// </summary>
internal abstract class SystemMessage
{
    /// <summary>
    /// The link in the mailbox's stack of pending system messages. Owned by the mailbox the message is posted to:
    /// every send creates its own message object.
    /// </summary>
    internal SystemMessage? Next;
}
