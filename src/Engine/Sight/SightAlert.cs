using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Sight;

/// <summary>
/// Published on the event stream when a metric goes above the threshold set for it with
/// <see cref="SightRegistry.SetThreshold"/>.
/// </summary>
/// <param name="Point">The sight point (or <c>metric</c> for a manual metric).</param>
/// <param name="Metric">The metric name.</param>
/// <param name="Value">The value measured.</param>
/// <param name="Threshold">The threshold it went above.</param>
/// <param name="Timestamp">When, epoch microseconds (the engine clock).</param>
/// <param name="FailClosed">Whether the caller was also given a <see cref="SightThresholdException"/>.</param>
/// <param name="TrailId">The trail of the probe the measurement ran under, if any.</param>
/// <param name="ProbeId">The probe the measurement ran under, if any.</param>
public sealed record SightAlert(
    string Point,
    string Metric,
    double Value,
    double Threshold,
    long Timestamp,
    bool FailClosed,
    TrailId? TrailId = null,
    ProbeId? ProbeId = null);
