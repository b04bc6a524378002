using CodeSight.Actors;
using CodeSight.Contracts.Ids;
using CodeSight.Engine.Clock;

namespace CodeSight.Engine.Recording;

/// <summary>
/// What every live handle of one trail shares: the trail's actor, its id and the clock. One per trail, so that a
/// handle carries a single reference instead of three.
/// </summary>
internal sealed class TrailLink(IActorRef trail, TrailId trailId, IEngineClock clock, bool scopeActivities = false)
{
    public IActorRef Trail { get; } = trail;

    public TrailId TrailId { get; } = trailId;

    public IEngineClock Clock { get; } = clock;

    // Whether each probe opened through this link becomes Activity.Current (Recorder.ProbesAsActivities, read once per trail).
    public bool ScopeActivities { get; } = scopeActivities;
}
