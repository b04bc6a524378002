using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Observations;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// Which entries <see cref="LedgerReader.Query"/> returns; every bound is optional and inclusive, and the
/// conditions combine with AND. Results come in sequence order.
/// </summary>
public sealed record LedgerQuery
{
    /// <summary>Every entry.</summary>
    public static LedgerQuery All { get; } = new();

    /// <summary>Only entries of this kind (<see cref="LedgerEntryKinds"/>).</summary>
    public string? Kind { get; init; }

    /// <summary>Only entries of this trail.</summary>
    public TrailId? TrailId { get; init; }

    /// <summary>Only observations of this modality.</summary>
    public Modality? Modality { get; init; }

    /// <summary>Only entries timestamped at or after this, epoch microseconds.</summary>
    public long? FromTimestamp { get; init; }

    /// <summary>Only entries timestamped at or before this, epoch microseconds.</summary>
    public long? ToTimestamp { get; init; }

    /// <summary>Only entries from this sequence number on.</summary>
    public long? FromSequence { get; init; }

    /// <summary>Only entries up to this sequence number.</summary>
    public long? ToSequence { get; init; }

    /// <summary>At most this many entries.</summary>
    public int? Limit { get; init; }
}
