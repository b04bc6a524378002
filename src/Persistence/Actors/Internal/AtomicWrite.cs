namespace CodeSight.Persistence.Actors.Internal;

/// <summary>
/// The events of one Persist or PersistAll call: written together or not at all. A write whose events could
/// not be serialised carries its <see cref="Rejection"/> instead and is only answered, in order.
/// </summary>
internal sealed record AtomicWrite(IReadOnlyList<EventWrite> Events, Exception? Rejection);
