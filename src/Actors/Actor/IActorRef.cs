namespace CodeSight.Actors;

/// <summary>
/// An immutable, thread-safe handle to an actor. The only way to talk to an actor is to <see cref="Tell"/> it a
/// message; the handle stays valid after the actor stops (messages then go to dead letters).
/// </summary>
public interface IActorRef : IEquatable<IActorRef>
{
    /// <summary>The actor's place in the hierarchy, e.g. <c>/user/sim/agent-1</c>.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Enqueues <paramref name="message"/> for the actor and returns at once; never blocks the caller.
    /// Messages from one sender to one receiver arrive in the order they were told.
    /// </summary>
    /// <param name="message">The message; must not be null.</param>
    /// <param name="sender">Who the receiver sees as <c>Sender</c>; null for no sender.</param>
    void Tell(object message, IActorRef? sender);
}
