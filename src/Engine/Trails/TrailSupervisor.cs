using CodeSight.Actors;
using CodeSight.Actors.Supervision;

namespace CodeSight.Engine.Trails;

/// <summary>
/// The parent of every trail actor (<c>/user/codesight/trails</c>). A trail that throws is stopped, not restarted
/// (a fresh instance would not know the trail's probes), and counted. Every reap interval it asks each trail to
/// check whether it has been idle too long.
/// </summary>
internal sealed class TrailSupervisor(TrailContext context, TimeSpan reapInterval) : ActorBase
{
    private sealed class Reap
    {
        public static readonly Reap Instance = new();
    }

    protected override void PreStart() => Timers.StartPeriodicTimer("reap", Reap.Instance, reapInterval);

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(cause =>
    {
        context.Counters.TrailFailures.Increment();
        return Directive.Stop;
    });

    protected override bool Receive(object message)
    {
        if (message is not Reap) return false;
        foreach (var trail in Context.GetChildren()) trail.Tell(CheckIdle.Instance, Self);
        return true;
    }
}
