namespace CodeSight.Actors;

/// <summary>
/// Sets messages aside to handle them later, typically while an actor waits for something (recovery, a write).
/// Unstashed messages go back in front of the mailbox in their original order.
/// </summary>
public interface IStash
{
    /// <summary>Sets the current message aside.</summary>
    /// <exception cref="InvalidOperationException">The same message was stashed twice.</exception>
    void Stash();

    /// <summary>Returns the oldest stashed message to the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Returns every stashed message to the front of the mailbox, oldest first.</summary>
    void UnstashAll();

    /// <summary>Discards every stashed message and returns them.</summary>
    IReadOnlyList<Dispatch.Envelope> ClearStash();

    /// <summary>Number of stashed messages.</summary>
    int Count { get; }
}
