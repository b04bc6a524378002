namespace CodeSight.Actors;

/// <summary>Thrown inside an actor that receives <see cref="Kill"/>; the default strategy stops the actor.</summary>
public sealed class ActorKilledException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public ActorKilledException(string message) : base(message) { }
}
