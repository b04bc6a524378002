using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;

namespace CodeSight.Engine.Tests.Support;

/// <summary>Test data builders.</summary>
public static class Some
{
    public static Probe Probe(
        TrailId trail,
        ProbeId? parent = null,
        ProbeStatus status = ProbeStatus.Ok,
        string name = "step",
        long startedAt = 1_000,
        long? endedAt = 2_000,
        ProbeId? id = null) =>
        new(id ?? ProbeId.New(), trail, parent, parent is null ? ProbeKind.Run : ProbeKind.Tool, name, startedAt,
            status == ProbeStatus.Open ? null : endedAt, status, ProbeAttributes.Empty, null);
}
