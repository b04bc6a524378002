using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Messages;

/// <summary>Asks the engine to open a probe. A probe without a parent opens (and is the root of) a new trail.</summary>
/// <param name="TrailId">The trail the probe belongs to.</param>
/// <param name="ProbeId">The new probe's id, minted by the sender.</param>
/// <param name="ParentId">The enclosing probe, or null for a trail's root.</param>
/// <param name="Kind">What the probe times.</param>
/// <param name="Name">A short human name.</param>
/// <param name="Attributes">Initial attributes (scrubbed by the engine on arrival).</param>
/// <param name="At">Start time in epoch microseconds, or null to let the engine stamp it.</param>
public sealed record OpenProbe(
    TrailId TrailId,
    ProbeId ProbeId,
    ProbeId? ParentId,
    ProbeKind Kind,
    string Name,
    IReadOnlyDictionary<string, object?> Attributes,
    long? At = null);
