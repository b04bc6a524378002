namespace CodeSight.Actors.Dispatch;

/// <summary>Sent by the supervisor: continue processing ordinary messages.</summary>
internal sealed class Resume(Exception? causedByFailure) : SystemMessage
{
    public Exception? CausedByFailure { get; } = causedByFailure;
}
