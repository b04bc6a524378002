using CodeSight.Contracts.Ids;

namespace CodeSight.Contracts.Messages;

/// <summary>Merges attributes into an open probe; ignored once the probe closed.</summary>
/// <param name="TrailId">The probe's trail.</param>
/// <param name="ProbeId">The probe to update.</param>
/// <param name="Attributes">Attributes to add or overwrite.</param>
/// <param name="At">When, in epoch microseconds, or null to let the engine stamp it.</param>
public sealed record UpdateProbe(TrailId TrailId, ProbeId ProbeId, IReadOnlyDictionary<string, object?> Attributes, long? At = null);
