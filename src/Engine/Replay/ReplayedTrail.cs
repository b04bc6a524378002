using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;

namespace CodeSight.Engine.Replay;

/// <summary>One trail rebuilt from NDJSON.</summary>
/// <param name="TrailId">The trail.</param>
/// <param name="Root">The probe without a parent, if one was read (the first such, if several were).</param>
/// <param name="Probes">Every probe of the trail by id, last record winning, in first-seen order.</param>
/// <param name="Children">Parent id to child ids, in first-seen order.</param>
/// <param name="IsComplete">True when there is exactly one root, every probe is closed, and every parent was read.</param>
public sealed record ReplayedTrail(
    TrailId TrailId,
    Probe? Root,
    IReadOnlyDictionary<ProbeId, Probe> Probes,
    IReadOnlyDictionary<ProbeId, IReadOnlyList<ProbeId>> Children,
    bool IsComplete);
