using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;

namespace CodeSight.Persistence.Tests.Support;

/// <summary>Deterministic observations and probes for ledger tests.</summary>
internal static class LedgerSamples
{
    public static readonly TrailId TrailA = TrailId.Parse("0123456789abcdef0123456789abcdef");
    public static readonly TrailId TrailB = TrailId.Parse("fedcba9876543210fedcba9876543210");

    /// <summary>Observation <paramref name="i"/>: alternating trails and modalities, timestamp 1_000_000 * (i + 1) microseconds.</summary>
    public static Observation Observation(int i, TrailId? trail = null, Modality? modality = null) => new(
        "planning_step",
        "navigation_module",
        modality ?? (i % 2 == 0 ? Modality.Planning : Modality.Inference),
        new Dictionary<string, double> { ["latency_ms"] = 1.5 * i, ["tokens"] = i },
        new Dictionary<string, object?> { ["step"] = i, ["note"] = $"observation {i}" },
        1_000_000L * (i + 1),
        new LogPayload($"line {i}"),
        trail ?? (i % 2 == 0 ? TrailA : TrailB),
        new ProbeId((ulong)(i + 1)));

    public static List<object> Observations(int count) => Enumerable.Range(0, count).Select(i => (object)Observation(i)).ToList();

    /// <summary>A closed probe with millisecond-exact times (the close record's precision) and attributes.</summary>
    public static Probe Probe(int i, TrailId? trail = null) => new(
        new ProbeId((ulong)(1000 + i)),
        trail ?? TrailA,
        i == 0 ? null : new ProbeId(1000),
        i == 0 ? ProbeKind.Run : ProbeKind.Tool,
        $"probe-{i}",
        1_700_000_000_000_000L + (i * 1000L),
        1_700_000_000_000_000L + (i * 1000L) + 5000L,
        ProbeStatus.Ok,
        new Dictionary<string, object?> { ["attempt"] = (long)i, ["tool"] = "search" },
        null);
}
