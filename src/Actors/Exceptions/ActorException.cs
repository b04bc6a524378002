namespace CodeSight.Actors;

/// <summary>Base class of the exceptions the kernel raises.</summary>
public class ActorException : Exception
{
    /// <summary>Creates the exception with a message and an optional cause.</summary>
    public ActorException(string message, Exception? inner = null) : base(message, inner) { }
}
