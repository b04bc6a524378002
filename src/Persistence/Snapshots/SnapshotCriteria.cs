namespace CodeSight.Persistence.Snapshots;

/// <summary>
/// Which snapshots of a stream a load or delete applies to: those whose sequence number and creation time
/// lie within the given inclusive bounds.
/// </summary>
public sealed record SnapshotCriteria
{
    /// <summary>Every snapshot; a load picks the one with the highest sequence number.</summary>
    public static SnapshotCriteria Latest { get; } = new();

    /// <summary>Highest sequence number accepted (inclusive).</summary>
    public long MaxSequenceNumber { get; init; } = long.MaxValue;

    /// <summary>Latest creation time accepted (inclusive, millisecond precision).</summary>
    public DateTimeOffset MaxTimestamp { get; init; } = DateTimeOffset.MaxValue;

    /// <summary>Lowest sequence number accepted (inclusive).</summary>
    public long MinSequenceNumber { get; init; }

    /// <summary>Earliest creation time accepted (inclusive, millisecond precision).</summary>
    public DateTimeOffset MinTimestamp { get; init; } = DateTimeOffset.MinValue;

    /// <summary>Snapshots up to and including <paramref name="sequenceNumber"/>.</summary>
    /// <param name="sequenceNumber">Highest sequence number accepted.</param>
    public static SnapshotCriteria UpTo(long sequenceNumber) => new() { MaxSequenceNumber = sequenceNumber };
}
