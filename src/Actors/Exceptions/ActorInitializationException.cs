namespace CodeSight.Actors;

/// <summary>
/// Raised when an actor's factory, constructor or <c>PreStart</c> throws. The default supervision strategy stops
/// such an actor instead of restarting it, since a restart would most likely fail the same way.
/// </summary>
public sealed class ActorInitializationException : ActorException
{
    /// <summary>Creates the exception for the actor at <paramref name="actor"/>.</summary>
    public ActorInitializationException(IActorRef? actor, string message, Exception? cause)
        : base(message, cause) => Actor = actor;

    /// <summary>The actor that failed to initialise.</summary>
    public IActorRef? Actor { get; }
}
