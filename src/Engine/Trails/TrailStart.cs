using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Trails;

/// <summary>
/// Tells a shard to start holding a trail before any of its messages arrive: sent when the trail's id may already be
/// known to others (a host actor's trail, or one continued with <c>Recorder.Scope</c>). A trail the recorder mints
/// itself needs none: its root handle starts it.
/// </summary>
internal sealed class TrailStart(TrailId trailId, bool continued)
{
    public TrailId TrailId { get; } = trailId;

    public bool Continued { get; } = continued;
}
