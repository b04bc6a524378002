using CodeSight.Contracts.Ids;

namespace CodeSight.Contracts.Probes;

/// <summary>
/// An immutable timed segment of work inside a trail. Times are Unix epoch microseconds (UTC).
/// Equality is by value, attributes included (compared deeply by <see cref="ProbeAttributes.BagsEqual"/>).
/// </summary>
/// <param name="Id">This probe's id.</param>
/// <param name="TrailId">The trail it belongs to.</param>
/// <param name="ParentId">The enclosing probe, or null for the trail's root.</param>
/// <param name="Kind">What it times.</param>
/// <param name="Name">A short human name (a tool name, a step name).</param>
/// <param name="StartedAt">When it opened, epoch microseconds.</param>
/// <param name="EndedAt">When it closed, epoch microseconds; null while in flight.</param>
/// <param name="Status">Where it is in its life.</param>
/// <param name="Attributes">Caller attributes; never holds the reserved <c>insight.fault.*</c> keys.</param>
/// <param name="Fault">The failure, when there was one.</param>
public sealed record Probe(
    ProbeId Id,
    TrailId TrailId,
    ProbeId? ParentId,
    ProbeKind Kind,
    string Name,
    long StartedAt,
    long? EndedAt,
    ProbeStatus Status,
    IReadOnlyDictionary<string, object?> Attributes,
    ProbeFault? Fault)
{
    /// <summary>True once the probe reached a terminal status and has an end time.</summary>
    public bool IsClosed => Status != ProbeStatus.Open && EndedAt is not null;

    /// <summary>True for a trail's root: a probe without a parent.</summary>
    public bool IsRoot => ParentId is null;

    /// <summary>Value equality, comparing attribute bags deeply.</summary>
    public bool Equals(Probe? other) =>
        other is not null
        && Id == other.Id
        && TrailId == other.TrailId
        && ParentId == other.ParentId
        && Kind == other.Kind
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && StartedAt == other.StartedAt
        && EndedAt == other.EndedAt
        && Status == other.Status
        && Equals(Fault, other.Fault)
        && ProbeAttributes.BagsEqual(Attributes, other.Attributes);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Id, TrailId, ParentId, Kind, Name, StartedAt, EndedAt, HashCode.Combine(Status, Fault, ProbeAttributes.BagHashCode(Attributes)));
}
