namespace CodeSight.Actors.Supervision;

/// <summary>
/// How a parent reacts when a child throws: a decider maps the exception to a <see cref="Directive"/>, and the
/// strategy applies it to the failed child alone (<see cref="OneForOneStrategy"/>) or to all its siblings too
/// (<see cref="AllForOneStrategy"/>). Restarts beyond <see cref="MaxNumberOfRetries"/> within
/// <see cref="WithinTimeRange"/> stop the child instead.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>Creates a strategy.</summary>
    /// <param name="maxNumberOfRetries">Restarts allowed within the window; negative for no limit.</param>
    /// <param name="withinTimeRange">The window; <see cref="Timeout.InfiniteTimeSpan"/> counts forever.</param>
    /// <param name="decider">Maps a failure to a directive.</param>
    protected SupervisorStrategy(int maxNumberOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        MaxNumberOfRetries = maxNumberOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>Restarts allowed within <see cref="WithinTimeRange"/>; negative means no limit.</summary>
    public int MaxNumberOfRetries { get; }

    /// <summary>The window in which restarts are counted.</summary>
    public TimeSpan WithinTimeRange { get; }

    /// <summary>Maps a failure to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>
    /// The default decider: stop on <see cref="ActorInitializationException"/>, <see cref="ActorKilledException"/> and
    /// <see cref="DeathPactException"/>; restart on anything else.
    /// </summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one with the default decider and unlimited restarts.</summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, DefaultDecider);

    /// <summary>One-for-one that stops any failing child.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(static _ => Directive.Stop);

    /// <summary>Applies the strategy; returns false when the failure must be escalated.</summary>
    internal bool HandleFailure(ActorCell parent, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        Directive directive;
        try
        {
            directive = Decider(cause);
        }
        catch (Exception deciderFailure)
        {
            parent.System.Log(Events.LogLevel.Error, parent.Self.Path.ToString(), "The supervisor strategy's decider threw; escalating.", deciderFailure);
            return false;
        }
        switch (directive)
        {
            case Directive.Resume:
                parent.ResumeChild(failed.Child, cause);
                return true;
            case Directive.Restart:
                Apply(parent, restart: true, failed, cause, children);
                return true;
            case Directive.Stop:
                Apply(parent, restart: false, failed, cause, children);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Restarts or stops the affected children.</summary>
    private protected abstract void Apply(ActorCell parent, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children);
}
