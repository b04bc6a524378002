using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Messages;

/// <summary>Records a failure on an open probe, which will close with status <c>error</c> unless told otherwise.</summary>
/// <param name="TrailId">The probe's trail.</param>
/// <param name="ProbeId">The probe that failed.</param>
/// <param name="Fault">What went wrong.</param>
/// <param name="At">When, in epoch microseconds, or null to let the engine stamp it.</param>
public sealed record FailProbe(TrailId TrailId, ProbeId ProbeId, ProbeFault Fault, long? At = null);
