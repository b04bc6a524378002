namespace CodeSight.Actors.Supervision;

/// <summary>Applies the directive to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy with a restart limit.</summary>
    public OneForOneStrategy(int maxNumberOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNumberOfRetries, withinTimeRange, decider) { }

    /// <summary>Creates the strategy with unlimited restarts.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider) : base(-1, Timeout.InfiniteTimeSpan, decider) { }

    private protected override void Apply(ActorCell parent, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        if (restart && failed.RequestRestartPermission(MaxNumberOfRetries, WithinTimeRange)) parent.RestartChild(failed.Child, cause, suspendFirst: false);
        else parent.Stop(failed.Child);
    }
}
