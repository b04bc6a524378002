using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Records;

/// <summary>
/// One NDJSON trace record, field for field: <c>id, traceId, parentId, kind, name, startedAt, endedAt, status,
/// attributes, error</c>. <see cref="Kind"/> is the segment kind (the wire vocabulary), times are epoch
/// microseconds here and epoch milliseconds on the wire. See docs/ndjson.md.
/// </summary>
/// <param name="Id">The probe id (<c>id</c>).</param>
/// <param name="TraceId">The trail id (<c>traceId</c>).</param>
/// <param name="ParentId">The parent probe id, or null for a root (<c>parentId</c>).</param>
/// <param name="Kind">The segment kind (<c>kind</c>).</param>
/// <param name="Name">The probe name (<c>name</c>).</param>
/// <param name="StartedAt">Start, epoch microseconds (<c>startedAt</c>, written in milliseconds).</param>
/// <param name="EndedAt">End, epoch microseconds, or null while open (<c>endedAt</c>).</param>
/// <param name="Status">The status (<c>status</c>).</param>
/// <param name="Attributes">Caller attributes without the reserved fault keys (<c>attributes</c>).</param>
/// <param name="Error">The fault, if any (<c>error</c>).</param>
public sealed record TraceRecord(
    ProbeId Id,
    TrailId TraceId,
    ProbeId? ParentId,
    SegmentKind Kind,
    string Name,
    long StartedAt,
    long? EndedAt,
    ProbeStatus Status,
    IReadOnlyDictionary<string, object?> Attributes,
    ProbeFault? Error)
{
    /// <summary>
    /// The record for a probe. Reserved <c>insight.fault.*</c> attributes are lifted into <see cref="Error"/>
    /// (fields already set on the probe's fault win) and removed from the attributes.
    /// </summary>
    public static TraceRecord FromProbe(Probe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var (attributes, fault) = FaultLifting.Lift(probe.Attributes, probe.Fault);
        return new TraceRecord(
            probe.Id,
            probe.TrailId,
            probe.ParentId,
            ProbeKinds.ToSegment(probe.Kind),
            probe.Name,
            probe.StartedAt,
            probe.EndedAt,
            probe.Status,
            attributes,
            fault);
    }

    /// <summary>The probe this record describes, in app vocabulary (segment kind mapped back, reserved keys lifted).</summary>
    public Probe ToProbe()
    {
        var (attributes, fault) = FaultLifting.Lift(Attributes, Error);
        return new Probe(Id, TraceId, ParentId, ProbeKinds.FromSegment(Kind), Name, StartedAt, EndedAt, Status, attributes, fault);
    }

    /// <summary>Value equality, comparing attribute bags deeply.</summary>
    public bool Equals(TraceRecord? other) =>
        other is not null
        && Id == other.Id
        && TraceId == other.TraceId
        && ParentId == other.ParentId
        && Kind == other.Kind
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && StartedAt == other.StartedAt
        && EndedAt == other.EndedAt
        && Status == other.Status
        && Equals(Error, other.Error)
        && ProbeAttributes.BagsEqual(Attributes, other.Attributes);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Id, TraceId, ParentId, Kind, Name, StartedAt, EndedAt, HashCode.Combine(Status, Error, ProbeAttributes.BagHashCode(Attributes)));
}
