using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Messages;

/// <summary>Published when a trail ends: its root closed and every probe in it is closed.</summary>
/// <param name="TrailId">The trail that ended.</param>
/// <param name="Root">Its root probe, closed.</param>
/// <param name="Probes">Every probe of the trail, root included, in the order they opened.</param>
public sealed record TrailCompleted(TrailId TrailId, Probe Root, IReadOnlyList<Probe> Probes);
