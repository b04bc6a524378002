using CodeSight.Persistence.Snapshots;

namespace CodeSight.Persistence.Actors;

/// <summary>
/// How a persistent actor recovers: which snapshot it may start from, and how far and how many events it replays.
/// Override <c>PersistentActor.Recovery</c> to change it; <see cref="Default"/> restores everything.
/// </summary>
public sealed record Recovery
{
    /// <summary>The latest snapshot, then every later event.</summary>
    public static Recovery Default { get; } = new();

    /// <summary>
    /// No snapshot and no events: the actor starts empty, but its sequence numbers still continue after the
    /// highest one in the journal, so nothing written before is overwritten.
    /// </summary>
    public static Recovery None { get; } = new() { FromSnapshot = null, ReplayMax = 0 };

    /// <summary>Which snapshots may be offered; <see langword="null"/> offers none and replays from the first event.</summary>
    public SnapshotCriteria? FromSnapshot { get; init; } = SnapshotCriteria.Latest;

    /// <summary>Replay stops after this sequence number (inclusive); snapshots after it are not offered either.</summary>
    public long ToSequenceNr { get; init; } = long.MaxValue;

    /// <summary>Replay at most this many events; 0 replays none.</summary>
    public long ReplayMax { get; init; } = long.MaxValue;
}
