using CodeSight.Actors.Events;
using CodeSight.Actors.Supervision;

namespace CodeSight.Actors;

/// <summary>
/// Base class of every actor. State lives in the subclass's fields and is touched only while the actor processes
/// a message, one at a time, so it needs no locks. Lifecycle: <see cref="PreStart"/> after construction,
/// <see cref="PostStop"/> after stopping, and on a restart <see cref="PreRestart"/> on the failed instance then
/// <see cref="PostRestart"/> on its replacement.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;
    private ActorStash? _stash;
    private TimerScheduler? _timers;

    /// <summary>Binds the new instance to the cell that is creating it.</summary>
    /// <exception cref="InvalidOperationException">The actor was created with <c>new</c> instead of through <c>ActorOf</c>.</exception>
    protected ActorBase()
    {
        _cell = ActorCell.Current ?? throw new InvalidOperationException(
            $"An actor ({GetType().Name}) must be created through ActorOf with Props, not with 'new'.");
    }

    /// <summary>The actor's context: valid during its own turn (including async handlers' continuations).</summary>
    protected IActorContext Context => _cell;

    /// <summary>The actor's own reference.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the current message (dead letters when there is none).</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>Stashes messages to handle them later (see <see cref="IStash"/>).</summary>
    protected IStash Stash => _stash ??= new ActorStash(_cell);

    /// <summary>Timers owned by this actor: cancelled when it stops or restarts.</summary>
    protected ITimerScheduler Timers => _timers ??= new TimerScheduler(_cell);

    internal ActorCell Cell => _cell;

    /// <summary>
    /// Creates a stash of its own, separate from <see cref="Stash"/>, for base classes that must set messages aside
    /// without touching their subclass's stash (a persistent actor holding commands while its events are written).
    /// Unlike <see cref="Stash"/>, the kernel does not empty it on restart or stop: its owner must.
    /// </summary>
    protected IStash CreateStash() => new ActorStash(_cell);

    internal ActorStash? StashIfCreated => _stash;

    internal TimerScheduler? TimersIfCreated => _timers;

    /// <summary>The initial behaviour: handle <paramref name="message"/> and return true, or return false.</summary>
    protected internal abstract bool Receive(object message);

    /// <summary>Runs once after the actor is created, before its first message.</summary>
    protected internal virtual void PreStart() { }

    /// <summary>Runs once after the actor stopped; its children have already stopped.</summary>
    protected internal virtual void PostStop() { }

    /// <summary>
    /// Runs on the failed instance before it is replaced. The default stops every child, unstashes everything
    /// (stashed messages go back to the mailbox) and calls <see cref="PostStop"/>.
    /// </summary>
    /// <param name="reason">Why the actor failed.</param>
    /// <param name="message">The message it was processing, if any; it is not delivered again.</param>
    protected internal virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.GetChildren()) Context.Stop(child);
        PostStop();
    }

    /// <summary>Runs on the new instance after a restart. The default calls <see cref="PreStart"/>.</summary>
    protected internal virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>The strategy this actor applies to its failing children. The default restarts them.</summary>
    protected internal virtual SupervisorStrategy SupervisorStrategy() => Supervision.SupervisorStrategy.DefaultStrategy;

    /// <summary>
    /// Called for messages the behaviour did not handle. The default publishes <see cref="UnhandledMessage"/> on the
    /// event stream, except that an unhandled <see cref="Terminated"/> throws <see cref="DeathPactException"/>.
    /// </summary>
    protected internal virtual void Unhandled(object message)
    {
        if (message is Terminated terminated) throw new DeathPactException(terminated.ActorRef);
        _cell.System.PublishUnhandled(message, _cell.CurrentSender, _cell.Self);
    }

    /// <summary>Replaces the current behaviour.</summary>
    protected void Become(Receive receive) => _cell.Become(receive);

    /// <summary>Pushes a behaviour on the behaviour stack.</summary>
    protected void BecomeStacked(Receive receive) => _cell.BecomeStacked(receive);

    /// <summary>Pops the behaviour pushed last.</summary>
    protected void UnbecomeStacked() => _cell.UnbecomeStacked();

    /// <summary>Sets the receive timeout (null turns it off).</summary>
    protected void SetReceiveTimeout(TimeSpan? timeout) => _cell.SetReceiveTimeout(timeout);
}
