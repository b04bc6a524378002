using CodeSight.Actors;

namespace CodeSight.Persistence.Actors.Internal;

/// <summary>A persistent actor's atomic writes from one turn, sent to the journal as one request.</summary>
internal sealed record WriteEvents(IActorRef PersistentActor, int InstanceId, IReadOnlyList<AtomicWrite> Writes)
{
    /// <summary>Number of rows the request adds to a transaction.</summary>
    public int RowCount { get; } = Writes.Sum(static w => w.HasRows ? w.Events.Count : 0);
}
