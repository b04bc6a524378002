namespace CodeSight.Actors;

/// <summary>Raised when an actor is created with a name that is malformed or already taken by a sibling.</summary>
public sealed class InvalidActorNameException : ActorException
{
    /// <summary>Creates the exception; the message names the offending name and the rule it broke.</summary>
    public InvalidActorNameException(string message) : base(message) { }
}
