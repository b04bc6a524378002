using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Messages;

/// <summary>Closes a probe; closing twice is a no-op.</summary>
/// <param name="TrailId">The probe's trail.</param>
/// <param name="ProbeId">The probe to close.</param>
/// <param name="Status">The terminal status, or null for <c>ok</c> (or <c>error</c> after a <see cref="FailProbe"/>).</param>
/// <param name="At">End time in epoch microseconds, or null to let the engine stamp it.</param>
public sealed record CloseProbe(TrailId TrailId, ProbeId ProbeId, ProbeStatus? Status = null, long? At = null);
