namespace CodeSight.Actors;

/// <summary>
/// Thrown when an actor receives a <see cref="Terminated"/> for an actor it watches but does not handle it: by
/// watching, it declared that it cannot live without that actor. The default strategy stops it.
/// </summary>
public sealed class DeathPactException : ActorException
{
    /// <summary>Creates the exception for the dead actor.</summary>
    public DeathPactException(IActorRef deadActor)
        : base($"Unhandled Terminated for watched actor {deadActor.Path}.") => DeadActor = deadActor;

    /// <summary>The watched actor whose termination was not handled.</summary>
    public IActorRef DeadActor { get; }
}
