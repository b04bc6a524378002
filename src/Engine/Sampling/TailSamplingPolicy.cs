using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;

namespace CodeSight.Engine.Sampling;

/// <summary>
/// Decides at a trail's completion whether to keep it, seeing the whole trail: keep trails with errors, trails
/// slower than a threshold, and a head-sampled fraction of the rest. Head sampling must decide before anything
/// happened; this decides after, which is what finds the rare slow or failing trail.
/// </summary>
public sealed class TailSamplingPolicy
{
    private readonly ISamplingGate _headSample;

    /// <summary>Creates the policy.</summary>
    /// <param name="keepErrors">Keep trails with a probe in status error or abandoned.</param>
    /// <param name="slowThreshold">Keep trails whose root lasted at least this long; zero or less turns it off.</param>
    /// <param name="headSample">Keeps the trails it admits whatever happened in them.</param>
    public TailSamplingPolicy(bool keepErrors, TimeSpan slowThreshold, ISamplingGate headSample)
    {
        KeepErrors = keepErrors;
        SlowThreshold = slowThreshold;
        _headSample = headSample ?? throw new ArgumentNullException(nameof(headSample));
    }

    /// <summary>Keeps trails with errors.</summary>
    public bool KeepErrors { get; }

    /// <summary>Keeps trails at least this slow (zero or less: off).</summary>
    public TimeSpan SlowThreshold { get; }

    /// <summary>True to keep the completed trail.</summary>
    public bool Keep(TrailId trailId, Probe root, IReadOnlyList<Probe> probes)
    {
        if (KeepErrors)
        {
            foreach (var probe in probes)
            {
                if (probe.Status is ProbeStatus.Error or ProbeStatus.Abandoned || probe.Fault is not null) return true;
            }
        }
        if (SlowThreshold > TimeSpan.Zero && root.EndedAt is { } end && end - root.StartedAt >= SlowThreshold.Ticks / 10) return true;
        return _headSample.Verdict(trailId);
    }
}
