using System.Collections.Concurrent;
using CodeSight.Actors.Configuration;
using CodeSight.Actors.Dispatch;
using CodeSight.Actors.Events;
using CodeSight.Actors.Scheduling;

namespace CodeSight.Actors;

/// <summary>
/// A hierarchy of actors with its configuration, dispatchers, event stream, scheduler and dead letters. Create one
/// per application (or per test) with <see cref="Create(string, Config?)"/> and stop it with
/// <see cref="Terminate"/>, which stops every actor top-down and releases every thread and timer it started.
/// </summary>
public sealed class ActorSystem : IDisposable
{
    private readonly ConcurrentDictionary<string, MessageDispatcher> _dispatchers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _mailboxCapacities = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SystemScheduler _scheduler;
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly ActorPath _tempPath;
    private readonly int _defaultMailboxCapacity;
    private MessageDispatcher? _defaultDispatcher; // racing first uses find the same instance in _dispatchers
    private long _tempCounter;
    private int _terminateRequested;

    private ActorSystem(string name, Config config)
    {
        Name = name;
        Settings = new ActorSystemSettings(config);
        _defaultMailboxCapacity = MailboxCapacity(ActorSystemSettings.DefaultMailboxId);
        _scheduler = new SystemScheduler(e => Log(LogLevel.Error, "scheduler", $"A scheduled action threw: {e.Message}", e));
        var rootPath = ActorPath.Root(name);
        _tempPath = rootPath.Child("temp");
        DeadLetters = new DeadLetterActorRef(this, rootPath.Child("deadLetters"));

        var top = new TopSupervisorRef(this, rootPath.Child("$top"), () => _ = FinishTerminationAsync());
        _root = NewCell(Props.Create(static () => new GuardianActor()), rootPath, top);
        _root.Start();
        _userGuardian = ((LocalActorRef)_root.MakeChild(Props.Create(static () => new GuardianActor()), "user")).Cell;
        _systemGuardian = ((LocalActorRef)_root.MakeChild(Props.Create(static () => new GuardianActor()), "system")).Cell;
    }

    /// <summary>Creates a system with <paramref name="config"/> over the embedded reference configuration.</summary>
    /// <param name="name">The system's name: letters, digits, '-' and '_'.</param>
    /// <param name="config">User settings; null for the defaults.</param>
    public static ActorSystem Create(string name, Config? config = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        for (var i = 0; i < name.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(name[i]) && name[i] is not '-' and not '_')
            {
                throw new ArgumentException($"Actor system name '{name}' is invalid: character '{name[i]}' at index {i} is not a letter, digit, '-' or '_'.", nameof(name));
            }
        }
        return new ActorSystem(name, ConfigurationFactory.Load(config));
    }

    /// <summary>Creates a system with settings given as HOCON text over the embedded reference configuration.</summary>
    public static ActorSystem Create(string name, string hocon) => Create(name, ConfigurationFactory.ParseString(hocon, "ActorSystem.Create"));

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The kernel's settings and the whole resolved configuration.</summary>
    public ActorSystemSettings Settings { get; }

    /// <summary>The publish/subscribe bus (dead letters, unhandled messages, log events, and the engine's signals).</summary>
    public EventStream EventStream { get; } = new();

    /// <summary>The scheduler; everything scheduled is cancelled when the system terminates.</summary>
    public IScheduler Scheduler => _scheduler;

    /// <summary>Where messages to stopped actors go; telling it a message counts and publishes a dead letter.</summary>
    public IActorRef DeadLetters { get; }

    /// <summary>Totals of dead letters, drops, unhandled messages and failures.</summary>
    public KernelCounters Counters { get; } = new();

    /// <summary>Completes once the system has terminated.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    /// <exception cref="InvalidActorNameException">The name is malformed or already in use.</exception>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.MakeChild(props, name);

    /// <summary>Creates a kernel or engine service actor under <c>/system</c>.</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.MakeChild(props, name);

    /// <summary>
    /// Creates a child of <paramref name="parent"/> from any thread; the parent supervises it as if it had created
    /// it. For engines that must start an actor on the caller's thread without a round trip through the parent's
    /// mailbox (the recorder starts a trail actor this way).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="parent"/> is not a local actor of this system.</exception>
    /// <exception cref="InvalidOperationException">The parent is stopping.</exception>
    public IActorRef ActorOf(IActorRef parent, Props props, string? name = null) =>
        parent is LocalActorRef local && ReferenceEquals(local.System, this)
            ? local.Cell.MakeChild(props, name)
            : throw new ArgumentException($"{parent} is not a local actor of system '{Name}'.", nameof(parent));

    /// <summary>Stops an actor asynchronously (its children first).</summary>
    public void Stop(IActorRef actor)
    {
        if (actor is LocalActorRef local && local.Path.Parent is { } parentPath && parentPath.Equals(_userGuardian.Self.Path)) _userGuardian.Stop(actor);
        else if (actor is IInternalActorRef target) target.SendSystemMessage(new Terminate());
        else throw new ArgumentException($"Cannot stop {actor}: it is not an actor of this system.", nameof(actor));
    }

    /// <summary>
    /// Stops every actor — those under <c>/user</c> first, then the system's own — then cancels all timers and
    /// stops dedicated dispatcher threads. Safe to call more than once; returns <see cref="WhenTerminated"/>.
    /// </summary>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminateRequested, 1) == 0) _ = Task.Run(TerminateInOrderAsync);
        return WhenTerminated;
    }

    /// <summary>Terminates the system and waits up to 30 seconds for it.</summary>
    public void Dispose()
    {
        Terminate().Wait(TimeSpan.FromSeconds(30));
    }

    /// <inheritdoc />
    public override string ToString() => $"ActorSystem({Name})";

    private async Task TerminateInOrderAsync()
    {
        await StopAndWait(_userGuardian).ConfigureAwait(false);
        await StopAndWait(_systemGuardian).ConfigureAwait(false);
        _root.SelfRef.SendSystemMessage(new Terminate());
    }

    private Task StopAndWait(ActorCell guardian)
    {
        var watcher = new PromiseActorRef(this, Timeout.InfiniteTimeSpan, static () => string.Empty, CancellationToken.None);
        guardian.SelfRef.SendSystemMessage(new Watch(guardian.SelfRef, watcher));
        guardian.SelfRef.SendSystemMessage(new Terminate());
        return watcher.Task;
    }

    private async Task FinishTerminationAsync()
    {
        await Task.Yield(); // never join dispatcher threads from one of them
        _scheduler.Shutdown();
        foreach (var dispatcher in _dispatchers.Values) dispatcher.Shutdown();
        _terminated.TrySetResult();
    }

    // ---- kernel internals ----------------------------------------------------------------------------------------

    internal ActorCell NewCell(Props props, ActorPath path, IInternalActorRef parent, Routing.RouterState? router = null)
    {
        // Most actors name no dispatcher or mailbox and no deployment section exists: skip building the path string
        // and the two dictionary lookups then (this runs once per spawned actor).
        string? deployedDispatcher = null, deployedMailbox = null;
        if (Settings.HasDeployments) (deployedDispatcher, deployedMailbox) = Settings.DeploymentFor(path.ToStringWithoutAddress());
        var dispatcherId = props.Dispatcher ?? deployedDispatcher;
        var mailboxId = props.Mailbox ?? deployedMailbox;
        var dispatcher = dispatcherId is null ? DefaultDispatcher() : Dispatcher(dispatcherId);
        var capacity = mailboxId is null ? _defaultMailboxCapacity : MailboxCapacity(mailboxId);
        return new ActorCell(this, path, props, parent, new Mailbox(dispatcher, capacity), router);
    }

    private MessageDispatcher DefaultDispatcher() => _defaultDispatcher ??= Dispatcher(ActorSystemSettings.DefaultDispatcherId);

    /// <summary>The dispatcher configured at <paramref name="id"/>, created on first use.</summary>
    /// <exception cref="ConfigurationException">Nothing is configured there, or its settings are invalid.</exception>
    public MessageDispatcher Dispatcher(string id) => _dispatchers.TryGetValue(id, out var found) ? found : CreateDispatcher(id);

    private MessageDispatcher CreateDispatcher(string id)
    {
        lock (_dispatchers)
        {
            if (_dispatchers.TryGetValue(id, out var found)) return found;
            var config = Settings.Config;
            if (!config.HasPath(id + ".type"))
            {
                throw new ConfigurationException($"No dispatcher is configured at '{id}' (it needs at least a 'type'; see {ActorSystemSettings.DefaultDispatcherId} in reference.conf).");
            }
            var section = config.GetConfig(id);
            var throughput = section.GetInt("throughput", 30);
            var deadline = section.GetTimeSpan("throughput-deadline", TimeSpan.Zero);
            if (deadline < TimeSpan.Zero) throw new ConfigurationException($"{id}.throughput-deadline: {deadline} is negative; give a duration such as 1ms, or 0 to turn the time slice off.");
            MessageDispatcher dispatcher = section.GetString("type") switch
            {
                "thread-pool" => new ThreadPoolDispatcher(id, throughput, deadline),
                "dedicated-threads" => new DedicatedThreadDispatcher(id, throughput, section.GetInt("thread-count", 1), deadline),
                "calling-thread" => new CallingThreadDispatcher(id, throughput, deadline),
                var other => throw new ConfigurationException($"{id}.type: '{other}' is not a dispatcher type; expected thread-pool, dedicated-threads or calling-thread."),
            };
            _dispatchers[id] = dispatcher;
            return dispatcher;
        }
    }

    private int MailboxCapacity(string id) => _mailboxCapacities.GetOrAdd(id, static (key, config) =>
    {
        if (!config.HasPath(key + ".type"))
        {
            throw new ConfigurationException($"No mailbox is configured at '{key}' (it needs a 'type'; see {ActorSystemSettings.DefaultMailboxId} in reference.conf).");
        }
        return config.GetString(key + ".type") switch
        {
            "unbounded" => 0,
            "bounded" => config.GetInt(key + ".capacity") is var capacity and > 0
                ? capacity
                : throw new ConfigurationException($"{key}.capacity: a bounded mailbox needs a capacity of at least 1."),
            var other => throw new ConfigurationException($"{key}.type: '{other}' is not a mailbox type; expected unbounded or bounded."),
        };
    }, Settings.Config);

    internal ActorPath NewTempPath() => _tempPath.Child("$" + Interlocked.Increment(ref _tempCounter).ToString(System.Globalization.CultureInfo.InvariantCulture));

    internal void DeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        Counters.CountDeadLetter();
        // A dead letter about a dead letter (its subscriber just died) is counted but not published again.
        if (message is AllDeadLetters) return;
        EventStream.Publish(new DeadLetter(message, sender, recipient));
    }

    internal void Drop(object message, IActorRef? sender, IActorRef recipient, string reason)
    {
        Counters.CountDropped();
        if (message is AllDeadLetters) return;
        EventStream.Publish(new Dropped(message, reason, sender, recipient));
    }

    internal void PublishUnhandled(object message, IActorRef? sender, IActorRef recipient)
    {
        Counters.CountUnhandled();
        EventStream.Publish(new UnhandledMessage(message, sender, recipient));
    }

    internal void Log(LogLevel level, string source, string message, Exception? cause)
    {
        if (level == LogLevel.Error && cause is not null) Counters.CountFailure();
        var entry = new LogEvent(level, source, message, cause, DateTimeOffset.UtcNow);
        if (Settings.StdoutLogLevel is { } threshold && level >= threshold) Console.Error.WriteLine(entry.ToString());
        EventStream.Publish(entry);
    }
}
