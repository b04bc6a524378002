namespace CodeSight.Actors.Supervision;

/// <summary>What a supervisor does with a child that failed.</summary>
public enum Directive
{
    /// <summary>Keep the actor and its state; it continues with its next message.</summary>
    Resume,

    /// <summary>Replace the actor with a fresh instance; its mailbox is kept, the failing message is not redelivered.</summary>
    Restart,

    /// <summary>Stop the actor for good.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, so that its own supervisor decides.</summary>
    Escalate,
}
