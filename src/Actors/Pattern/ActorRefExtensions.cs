namespace CodeSight.Actors;

/// <summary>Telling without naming a sender.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Tells <paramref name="message"/> with the current actor as sender when called inside an actor, or with no
    /// sender elsewhere.
    /// </summary>
    public static void Tell(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        receiver.Tell(message, ActorCell.Current?.Self);
    }

    /// <summary>Tells <paramref name="message"/> keeping the sender of the message being processed.</summary>
    public static void Forward(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        receiver.Tell(message, ActorCell.Current?.CurrentSender);
    }
}
