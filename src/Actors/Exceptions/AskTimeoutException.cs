namespace CodeSight.Actors;

/// <summary>Raised by <c>Ask</c> (and <c>GracefulStop</c>) when no answer came within the timeout.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    /// <summary>Creates the exception; the message names the target, the message type and the timeout.</summary>
    public AskTimeoutException(string message) : base(message) { }
}
