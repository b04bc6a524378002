namespace CodeSight.Actors.Supervision;

/// <summary>Applies the directive to the failed child and all its siblings (for children that only work together).</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy with a restart limit.</summary>
    public AllForOneStrategy(int maxNumberOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNumberOfRetries, withinTimeRange, decider) { }

    /// <summary>Creates the strategy with unlimited restarts.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider) : base(-1, Timeout.InfiniteTimeSpan, decider) { }

    private protected override void Apply(ActorCell parent, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        var allowed = restart;
        if (restart)
        {
            foreach (var stats in children) allowed &= stats.RequestRestartPermission(MaxNumberOfRetries, WithinTimeRange);
        }
        foreach (var stats in children)
        {
            if (allowed) parent.RestartChild(stats.Child, cause, suspendFirst: !stats.Child.Equals(failed.Child));
            else parent.Stop(stats.Child);
        }
    }
}
