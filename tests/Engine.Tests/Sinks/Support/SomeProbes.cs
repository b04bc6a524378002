using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;

namespace CodeSight.Engine.Tests.Sinks.Support;

/// <summary>Closed probes and their close signals for sink tests.</summary>
internal static class SomeProbes
{
    public const long Start = 1_700_000_000_000_000;

    public static Probe Closed(
        string name = "search",
        IReadOnlyDictionary<string, object?>? attributes = null,
        ProbeFault? fault = null,
        long durationMicros = 12_345,
        ProbeKind kind = ProbeKind.Tool,
        TrailId? trail = null) =>
        new(ProbeId.New(), trail ?? TrailId.New(), null, kind, name, Start, Start + durationMicros,
            fault is null ? ProbeStatus.Ok : ProbeStatus.Error, attributes ?? new Dictionary<string, object?>(), fault);

    public static CloseSignal Close(Probe probe) => new(probe, probe.EndedAt!.Value);

    public static CloseSignal Close(string name = "search") => Close(Closed(name));
}
