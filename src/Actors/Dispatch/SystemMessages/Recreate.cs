namespace CodeSight.Actors.Dispatch;

/// <summary>Sent by the supervisor: restart the actor because of <see cref="Cause"/>.</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}
