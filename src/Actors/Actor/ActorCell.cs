using System.Runtime.ExceptionServices;
using CodeSight.Actors.Dispatch;
using CodeSight.Actors.Scheduling;

namespace CodeSight.Actors;

/// <summary>
/// The kernel's view of one actor: its mailbox, the current instance, children, watchers and behaviour stack. The
/// cell outlives restarts (only the instance is replaced). All its state is touched on the actor's own turn, except
/// the children table, which <see cref="ActorSystem.ActorOf(Props, string?)"/> may reach from other threads and so is locked.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    // The cell whose message is being processed on this thread: lets ActorBase bind to its cell in its constructor
    // and lets Tell without a sender pick the current actor as the implicit sender.
    [ThreadStatic] private static ActorCell? t_current;

    private readonly IInternalActorRef _parent;
    private ActorBase? _actor;
    private Envelope _current;
    private Receive? _behavior;           // null means the instance's own Receive: saves a delegate per actor
    private Extras? _extras;              // rarely used state, allocated on first use
    private ChildrenContainer? _children; // allocated on the first child
    private volatile int _lifecycle;      // Alive, Terminating, Terminated
    private bool _awaitingSupervisor;     // failed and suspended until the parent decides
    private bool _asyncPending;           // an async handler is running; the mailbox is suspended meanwhile

    private const int Alive = 0;
    private const int Terminating = 1;
    private const int TerminatedState = 2;

    public ActorCell(ActorSystem system, ActorPath path, Props props, IInternalActorRef parent, Mailbox mailbox, Routing.RouterState? router = null)
    {
        System = system;
        Props = props;
        _parent = parent;
        Mailbox = mailbox;
        mailbox.Cell = this;
        SelfRef = new LocalActorRef(this, path, router);
    }

    /// <summary>
    /// The cell processing a message on the current thread, if any. Set once per mailbox run by
    /// <see cref="Mailbox.Execute"/> (not per message: a thread-static write costs as much as the rest of a Tell's
    /// bookkeeping); system messages are processed inside that run too.
    /// </summary>
    internal static ActorCell? Current
    {
        get => t_current;
        set => t_current = value;
    }

    public ActorSystem System { get; }

    public Props Props { get; }

    public Mailbox Mailbox { get; }

    /// <summary>The root, /user and /system guardians: nothing above them can make a better decision.</summary>
    public bool IsGuardian => SelfRef.Path.Depth <= 1;

    public LocalActorRef SelfRef { get; }

    public IActorRef Self => SelfRef;

    public IActorRef Parent => _parent;

    public IActorRef Sender => _current.Sender ?? System.DeadLetters;

    internal IActorRef? CurrentSender => _current.Sender;

    internal Envelope CurrentEnvelope => _current;

    internal bool IsTerminating => _lifecycle != Alive;

    internal ActorBase? Actor => _actor;

    /// <summary>Queues the Create message; the instance is built on the actor's first turn.</summary>
    public void Start() => Mailbox.PostSystem(new Create());


    /// <summary>Processes one ordinary message; the caller has made this cell <see cref="Current"/>.</summary>
    public void Invoke(Envelope envelope)
    {
        _current = envelope;
        try
        {
            var message = envelope.Message;
            if (message is PoisonPill) Stop(Self);
            else if (message is Kill) throw new ActorKilledException($"Kill message received by {Self.Path}.");
            else if (message is Terminated terminated) ReceivedTerminated(terminated);
            else if (message is TimerMessage timer) ReceivedTimer(timer);
            else if (message is ReceiveTimeoutTick tick)
            {
                if (!IsCurrent(tick)) return; // stale: see IsCurrent
                _current = new Envelope(CodeSight.Actors.ReceiveTimeout.Instance, null);
                ReceiveMessage(CodeSight.Actors.ReceiveTimeout.Instance);
            }
            else ReceiveMessage(message);

            if (_extras?.ReceiveTimeout is not null && message is not INotInfluenceReceiveTimeout) ArmReceiveTimeout();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, envelope.Message);
        }
        finally
        {
            if (!_asyncPending) _current = default;
        }
    }

    private void ReceiveMessage(object message)
    {
        var actor = _actor!;
        var handled = _behavior is null ? actor.Receive(message) : _behavior(message);
        if (!handled) actor.Unhandled(message);
    }

    private void ReceivedTimer(TimerMessage timer)
    {
        if (_actor?.TimersIfCreated is not { } timers || !timers.TryUnwrap(timer, out var inner)) return;
        _current = new Envelope(inner, _current.Sender);
        ReceiveMessage(inner);
    }

    /// <summary>Processes one lifecycle message; like <see cref="Invoke"/>, inside a mailbox run that made this cell <see cref="Current"/>.</summary>
    public void SystemInvoke(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case Create: CreateActor(); break;
                case Recreate recreate: FaultRecreate(recreate.Cause); break;
                case Suspend: FaultSuspend(); break;
                case Resume resume: FaultResume(resume.CausedByFailure); break;
                case Terminate: HandleTerminate(); break;
                case Watch watch: AddWatcher(watch.Watchee, watch.Watcher); break;
                case Unwatch unwatch: RemoveWatcher(unwatch.Watcher); break;
                case DeathWatchNotification notification: WatchedActorTerminated(notification.Actor, notification.ExistenceConfirmed); break;
                case ChildTerminated child: HandleChildTerminated(child.Child); break;
                case Failed failed: HandleFailed(failed); break;
                case RunContinuation continuation: RunContinuation(continuation); break;
                case AsyncHandlerCompleted completed: AsyncHandlerCompleted(completed.Task); break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, null);
        }
    }

    /// <summary>Answers a lifecycle message that reached this actor after it stopped.</summary>
    public void HandleSystemMessageWhenDead(SystemMessage message)
    {
        switch (message)
        {
            case Watch watch when !watch.Watcher.Equals(Self):
                watch.Watcher.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true));
                break;
            case Failed failed:
                failed.Child.SendSystemMessage(new Terminate());
                break;
            case RunContinuation continuation:
                // The actor is gone, but the awaiting code may hold resources in finally blocks: let it finish.
                ThreadPool.QueueUserWorkItem(static c => c.Callback(c.State), continuation, preferLocal: false);
                break;
        }
    }

    private void CreateActor()
    {
        try
        {
            var actor = Props.NewActor();
            _actor = actor;
            actor.PreStart();
        }
        catch (Exception e)
        {
            _actor = null;
            throw new ActorInitializationException(Self, $"Creating actor {Self.Path} failed: {e.Message}", e);
        }
    }

    // ---- behaviour ---------------------------------------------------------------------------------------------

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        var stack = (_extras ??= new Extras()).Behaviors;
        if (stack.Count == 0) stack.Add(receive);
        else stack[^1] = receive;
        _behavior = receive;
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        (_extras ??= new Extras()).Behaviors.Add(receive);
        _behavior = receive;
    }

    public void UnbecomeStacked()
    {
        var stack = _extras?.Behaviors;
        if (stack is null || stack.Count == 0) return;
        stack.RemoveAt(stack.Count - 1);
        _behavior = stack.Count == 0 ? null : stack[^1];
    }

    // ---- receive timeout ---------------------------------------------------------------------------------------

    public TimeSpan? ReceiveTimeout => _extras?.ReceiveTimeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } t && t <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), t, "A receive timeout must be positive (or null to turn it off).");
        var extras = _extras ??= new Extras();
        extras.ReceiveTimeout = timeout;
        if (timeout is null) CancelReceiveTimeout();
        else ArmReceiveTimeout();
    }

    /// <summary>
    /// A timer tick can sit in the mailbox behind messages that arrived in time but were not processed yet (a starved
    /// thread pool); each of those re-armed the timer with a newer generation. Only the tick of the latest arming
    /// becomes a <see cref="CodeSight.Actors.ReceiveTimeout"/>, so the actor sees one only after a real idle period
    /// (and never after the timeout was turned off).
    /// </summary>
    private bool IsCurrent(ReceiveTimeoutTick tick) =>
        _extras is { ReceiveTimeout: not null } extras && extras.ReceiveTimeoutGeneration == tick.Generation;

    private void ArmReceiveTimeout()
    {
        var extras = _extras!;
        extras.ReceiveTimeoutTask?.Cancel();
        var tick = new ReceiveTimeoutTick(++extras.ReceiveTimeoutGeneration);
        extras.ReceiveTimeoutTask = System.Scheduler.ScheduleTellOnce(extras.ReceiveTimeout!.Value, Self, tick, null);
    }

    private void CancelReceiveTimeout()
    {
        if (_extras?.ReceiveTimeoutTask is { } task)
        {
            task.Cancel();
            _extras.ReceiveTimeoutTask = null;
        }
    }

    // ---- async handlers ----------------------------------------------------------------------------------------

    /// <summary>
    /// Runs an async handler with the actor's synchronization context, so continuations come back as system
    /// messages; while the task is pending the mailbox is suspended for ordinary messages.
    /// </summary>
    internal void RunAsyncHandler<T>(Func<T, Task> handler, T message)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext((_extras ??= new Extras()).SyncContext ??= new ActorSynchronizationContext(this));
        Task task;
        try
        {
            task = handler(message);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        if (task.IsCompletedSuccessfully) return;
        if (task.IsCompleted) ThrowTaskFailure(task);

        _asyncPending = true;
        Mailbox.Suspend();
        task.ContinueWith(static (t, state) => ((ActorCell)state!).SelfRef.SendSystemMessage(new AsyncHandlerCompleted(t)),
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void RunContinuation(RunContinuation continuation)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_extras?.SyncContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void AsyncHandlerCompleted(Task task)
    {
        if (!_asyncPending) return;
        _asyncPending = false;
        Mailbox.Resume();
        var message = _current.Message;
        try
        {
            if (!task.IsCompletedSuccessfully) ThrowTaskFailure(task);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, message);
        }
        finally
        {
            _current = default;
        }
    }

    private static void ThrowTaskFailure(Task task)
    {
        if (task.IsCanceled) throw new TaskCanceledException(task);
        ExceptionDispatchInfo.Capture(task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception).Throw();
    }

    // The stash and timers belong to the current instance; they live here, among the rarely used state, so that
    // an actor that never uses them pays nothing. ClearActorState drops them when the instance is replaced.
    internal ActorStash Stash() => (_extras ??= new Extras()).Stash ??= new ActorStash(this);

    internal TimerScheduler Timers() => (_extras ??= new Extras()).Timers ??= new TimerScheduler(this);

    internal ActorStash? StashIfCreated => _extras?.Stash;

    internal TimerScheduler? TimersIfCreated => _extras?.Timers;

    internal void MarkSubscribedToEventStream() => (_extras ??= new Extras()).SubscribedToEventStream = true;

    /// <summary>State most actors never need, kept out of the cell to keep idle actors small.</summary>
    private sealed class Extras
    {
        public readonly List<Receive> Behaviors = new();
        public HashSet<IInternalActorRef>? Watching;
        public HashSet<IInternalActorRef>? WatchedBy;
        public HashSet<IActorRef>? TerminatedQueued;
        public TimeSpan? ReceiveTimeout;
        public ICancelable? ReceiveTimeoutTask;
        public int ReceiveTimeoutGeneration;
        public ActorSynchronizationContext? SyncContext;
        public bool SubscribedToEventStream;
        public ActorStash? Stash;
        public TimerScheduler? Timers;
        public Exception? PendingRecreate; // a restart waiting for stopping children
    }
}
