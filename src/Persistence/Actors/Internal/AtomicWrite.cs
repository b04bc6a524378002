namespace CodeSight.Persistence.Actors.Internal;

/// <summary>
/// The events of one Persist or PersistAll call: written together or not at all. A write whose events could
/// not be serialised carries its <see cref="Rejection"/> instead and is only answered, in order. A
/// <see cref="Loopback"/> write stands for a deferred handler: nothing is written, and the journal answers it in
/// its place in the sequence, as the deferring command's sender.
/// </summary>
internal sealed record AtomicWrite(IReadOnlyList<EventWrite> Events, Exception? Rejection, bool Loopback = false)
{
    /// <summary>Whether the journal writes rows for it.</summary>
    public bool HasRows => Rejection is null && !Loopback;
}
