using CodeSight.Actors;
using CodeSight.Actors.Supervision;

namespace CodeSight.Engine.Trails;

/// <summary>
/// The parent of every trail shard (<c>/user/codesight/trails</c>). A shard that throws outside any trail (each
/// trail's own failures are caught and counted by its shard) is restarted: its trails are lost and counted, the
/// shard carries on with those that come after. Every reap interval it asks each shard to end its idle trails.
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
        return Directive.Restart;
    });

    protected override bool Receive(object message)
    {
        if (message is not Reap) return false;
        foreach (var shard in Context.GetChildren()) shard.Tell(CheckIdle.Instance, Self);
        return true;
    }
}
