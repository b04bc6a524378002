using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Observations;

/// <summary>
/// One multimodal observation recorded at a sight point: what was observed, where, with which metrics and
/// context, and its payload. It may link to the probe that was open when it was recorded.
/// </summary>
/// <param name="SightPoint">The instrumented point's name, such as <c>planning_step</c>.</param>
/// <param name="Target">The component observed, such as <c>navigation_module</c>.</param>
/// <param name="Modality">The kind of work observed.</param>
/// <param name="Metrics">Named numeric measurements.</param>
/// <param name="Context">Free-form attributes (the same value rules as probe attributes).</param>
/// <param name="Timestamp">When it was observed, epoch microseconds.</param>
/// <param name="Payload">The body: a log line, a metric, an image or a tensor summary.</param>
/// <param name="TrailId">The trail it belongs to, if any.</param>
/// <param name="ProbeId">The probe it belongs to, if any.</param>
public sealed record Observation(
    string SightPoint,
    string Target,
    Modality Modality,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, object?> Context,
    long Timestamp,
    ObservationPayload? Payload = null,
    TrailId? TrailId = null,
    ProbeId? ProbeId = null)
{
    /// <summary>The shared empty metric set.</summary>
    public static IReadOnlyDictionary<string, double> NoMetrics { get; } =
        System.Collections.ObjectModel.ReadOnlyDictionary<string, double>.Empty;

    /// <summary>Value equality; metrics and context are compared by content.</summary>
    public bool Equals(Observation? other) =>
        other is not null
        && SightPoint == other.SightPoint
        && Target == other.Target
        && Modality == other.Modality
        && Timestamp == other.Timestamp
        && Equals(Payload, other.Payload)
        && TrailId == other.TrailId
        && ProbeId == other.ProbeId
        && Metrics.Count == other.Metrics.Count
        && Metrics.All(pair => other.Metrics.TryGetValue(pair.Key, out var value) && value.Equals(pair.Value))
        && ProbeAttributes.BagsEqual(Context, other.Context);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(SightPoint, Target, Modality, Timestamp, Payload, TrailId, ProbeId);
}
