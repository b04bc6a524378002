using CodeSight.Actors;
using CodeSight.Actors.Events;
using CodeSight.Persistence.Actors.Internal;
using CodeSight.Persistence.Actors.Serialization;
using CodeSight.Persistence.Snapshots;

namespace CodeSight.Persistence.Actors;

/// <summary>
/// An actor whose state is rebuilt from the events it persisted (event sourcing), with Akka.Persistence's
/// semantics. On start it recovers: the latest snapshot, if any, is offered to <see cref="ReceiveRecover"/> as a
/// <see cref="SnapshotOffer"/>, then every later event in order, then <see cref="RecoveryCompleted"/>; commands that
/// arrive meanwhile wait. Afterwards <see cref="ReceiveCommand"/> handles commands, and calls
/// <see cref="Persist{TEvent}(TEvent, Action{TEvent})"/> to write events: each handler runs once its event is in
/// the journal, in the order the events were persisted, which is also the order recovery replays them in.
/// While a <c>Persist</c> or <c>PersistAll</c> is in flight, new commands are held back (not with the
/// <c>Async</c> variants). Uses the system's <see cref="SqlitePersistence"/> (started from configuration on first use).
/// </summary>
/// <remarks>
/// Override <see cref="ActorBase.PreRestart"/> or <see cref="ActorBase.PostStop"/> only with a call to the base
/// method: they return held-back commands to the mailbox or to dead letters. Use
/// <see cref="Become(Receive)"/> of this class to change the command handler; <c>Context.Become</c> would replace the
/// persistence protocol itself.
/// </remarks>
public abstract partial class PersistentActor : ActorBase
{
    private static int s_instanceIds;

    private readonly int _instanceId = Interlocked.Increment(ref s_instanceIds);
    private readonly string _writerUuid = Guid.NewGuid().ToString("N");
    private readonly IStash _internalStash;
    private readonly Queue<PendingHandler> _pendingHandlers = new();
    private readonly List<AtomicWrite> _eventBatch = new();
    private SqlitePersistence? _persistence;
    private Receive? _commandBehavior;
    private Phase _phase = Phase.AwaitingStart;
    private int _pendingStashingHandlers;
    private long _sequenceNr;
    private long _lastSequenceNr;
    private long _snapshotSequenceNr;
    private Recovery _recovery = Recovery.Default;

    /// <summary>Schedules recovery for the actor's first turn.</summary>
    protected PersistentActor()
    {
        _internalStash = CreateStash();
        Self.Tell(new StartRecovery(_instanceId), Self);
    }

    private enum Phase
    {
        AwaitingStart,
        LoadingSnapshot,
        Replaying,
        ProcessingCommands,
        Stopped,
    }

    /// <summary>
    /// Names the actor's event stream in the journal; stable across restarts and unique among the persistent
    /// actors that share a database. Read once, when recovery starts.
    /// </summary>
    public abstract string PersistenceId { get; }

    /// <summary>The sequence number of the last event recovered or persisted (whose handler has run); 0 for none.</summary>
    public long LastSequenceNr => _lastSequenceNr;

    /// <summary>The sequence number of the snapshot recovery started from; 0 when it started from none.</summary>
    public long SnapshotSequenceNr => _snapshotSequenceNr;

    /// <summary>True until <see cref="RecoveryCompleted"/> has been delivered.</summary>
    public bool IsRecovering => _phase is Phase.AwaitingStart or Phase.LoadingSnapshot or Phase.Replaying;

    /// <summary>How this actor recovers; <see cref="Actors.Recovery.Default"/> unless overridden. Read once, when recovery starts.</summary>
    protected virtual Recovery Recovery => Recovery.Default;

    /// <summary>
    /// The persistence this actor writes to (available from its first turn on): the system's, unless a subclass
    /// keeps its events in a database of its own.
    /// </summary>
    protected virtual SqlitePersistence Persistence => _persistence ??= SqlitePersistence.Get(Context.System);

    /// <summary>
    /// Rebuilds state during recovery: receives a <see cref="SnapshotOffer"/> (if a snapshot exists), each replayed
    /// event, and finally <see cref="RecoveryCompleted"/>. It must not persist. An exception stops the actor.
    /// </summary>
    /// <param name="message">The snapshot offer, an event, or <see cref="RecoveryCompleted.Instance"/>.</param>
    /// <returns>Whether the message was handled; an unhandled event is published as unhandled.</returns>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>
    /// Handles a command after recovery, typically by validating it and persisting events. Also receives
    /// <see cref="SaveSnapshotSuccess"/>, <see cref="SaveSnapshotFailure"/> and the results of deletions.
    /// </summary>
    /// <param name="message">The command.</param>
    /// <returns>Whether the command was handled.</returns>
    protected abstract bool ReceiveCommand(object message);

    /// <summary>Replaces the command handler (<see cref="ReceiveCommand"/> until now); recovery is unaffected.</summary>
    /// <param name="receive">The new command handler.</param>
    protected new void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        _commandBehavior = receive;
    }

    /// <summary>
    /// Writes <paramref name="event"/> to the journal, then calls <paramref name="handler"/> with it (with
    /// <c>Sender</c> still the command's sender). Until the handler has run, new commands are held back.
    /// </summary>
    /// <typeparam name="TEvent">The event's type, registered with the serializer.</typeparam>
    /// <param name="event">The event.</param>
    /// <param name="handler">Applies the event to the state; it may persist again.</param>
    /// <exception cref="InvalidOperationException">Called during recovery.</exception>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull =>
        PersistGroup([@event], handler, stashing: true);

    /// <summary>
    /// Writes <paramref name="events"/> atomically (all in one transaction, or none), then calls
    /// <paramref name="handler"/> for each in order. New commands are held back until the last handler has run.
    /// An empty sequence does nothing.
    /// </summary>
    /// <typeparam name="TEvent">The events' type.</typeparam>
    /// <param name="events">The events.</param>
    /// <param name="handler">Applies one event to the state.</param>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull =>
        PersistGroup(events, handler, stashing: true);

    /// <summary>
    /// Like <see cref="Persist{TEvent}(TEvent, Action{TEvent})"/>, but commands keep flowing while the event is
    /// written: higher throughput, and the handler runs later, still in persist order.
    /// </summary>
    /// <typeparam name="TEvent">The event's type.</typeparam>
    /// <param name="event">The event.</param>
    /// <param name="handler">Applies the event to the state.</param>
    protected void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull =>
        PersistGroup([@event], handler, stashing: false);

    /// <summary>Like <see cref="PersistAll{TEvent}"/>, but commands keep flowing while the events are written.</summary>
    /// <typeparam name="TEvent">The events' type.</typeparam>
    /// <param name="events">The events.</param>
    /// <param name="handler">Applies one event to the state.</param>
    protected void PersistAllAsync<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull =>
        PersistGroup(events, handler, stashing: false);

    /// <summary>
    /// Calls <paramref name="handler"/> with <paramref name="value"/> after the handlers of everything persisted
    /// before it, without writing anything (at once when nothing is pending). Commands are held back until then.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">Passed to the handler; not persisted.</param>
    /// <param name="handler">Runs in order with the persist handlers.</param>
    protected void Defer<T>(T value, Action<T> handler) => DeferCore(value, handler, stashing: true);

    /// <summary>
    /// Like <see cref="Defer{T}"/>, but commands keep flowing: the handler runs after the handlers of everything
    /// persisted before it.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">Passed to the handler; not persisted.</param>
    /// <param name="handler">Runs in order with the persist handlers.</param>
    protected void DeferAsync<T>(T value, Action<T> handler) => DeferCore(value, handler, stashing: false);

    /// <summary>
    /// Saves <paramref name="snapshot"/> as the state after event <see cref="LastSequenceNr"/>. The actor later
    /// receives <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/> as a command.
    /// </summary>
    /// <param name="snapshot">The state, of a type registered with the serializer.</param>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metadata = new SnapshotMetadata(PersistenceId, _lastSequenceNr, DateTimeOffset.UtcNow);
        SerializedEvent serialized;
        try
        {
            serialized = Persistence.Serializer.Serialize(snapshot);
        }
        catch (EventSerializationException e)
        {
            Self.Tell(new SaveSnapshotFailure(metadata, e), Self);
            return;
        }

        var entry = new SnapshotEntry(metadata.PersistenceId, metadata.SequenceNr, metadata.Timestamp, serialized.Manifest, serialized.Payload);
        Persistence.SnapshotStore.Tell(new SaveSnapshotRequest(entry, Self), Self);
    }

    /// <summary>
    /// Deletes this actor's events up to <paramref name="toSequenceNr"/> (<see cref="long.MaxValue"/> for all of
    /// them); they no longer replay, and sequence numbers are never reused. The actor later receives
    /// <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/> as a command.
    /// </summary>
    /// <param name="toSequenceNr">The last sequence number to delete; at most <see cref="LastSequenceNr"/>.</param>
    protected void DeleteMessages(long toSequenceNr)
    {
        long to = toSequenceNr == long.MaxValue ? _lastSequenceNr : toSequenceNr;
        if (to > _lastSequenceNr || to < 0)
        {
            var cause = new ArgumentOutOfRangeException(nameof(toSequenceNr), toSequenceNr,
                $"Persistence id '{PersistenceId}': cannot delete events up to {toSequenceNr}; the last sequence number is {_lastSequenceNr}.");
            Self.Tell(new DeleteMessagesFailure(cause, toSequenceNr), Self);
            return;
        }

        Persistence.Journal.Tell(new DeleteEvents(PersistenceId, to, Self), Self);
    }

    /// <summary>
    /// Deletes this actor's snapshots that match <paramref name="criteria"/>. The actor later receives
    /// <see cref="DeleteSnapshotsSuccess"/> or <see cref="DeleteSnapshotsFailure"/> as a command.
    /// </summary>
    /// <param name="criteria">Which snapshots, for example <see cref="SnapshotCriteria.UpTo(long)"/>.</param>
    protected void DeleteSnapshots(SnapshotCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        Persistence.SnapshotStore.Tell(new DeleteSnapshotsRequest(PersistenceId, criteria, Self), Self);
    }

    /// <summary>
    /// Called when the journal could not write <paramref name="event"/> (for example the database became read-only
    /// or full). The default logs an error naming the persistence id and sequence number. The actor stops
    /// afterwards whatever this does, since its state may no longer match the journal.
    /// </summary>
    /// <param name="cause">The journal's error.</param>
    /// <param name="event">The event that was not written.</param>
    /// <param name="sequenceNr">Its sequence number.</param>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        Log(LogLevel.Error, cause,
            $"Failed to persist event {@event.GetType().Name} with sequence number {sequenceNr} for persistence id '{PersistenceId}'; " +
            $"the actor stops. {cause.Message}");

    /// <summary>
    /// Called when <paramref name="event"/> was rejected before writing (it could not be serialised); its handler
    /// does not run and the actor goes on. The default logs a warning naming the persistence id and sequence number.
    /// </summary>
    /// <param name="cause">Why it was rejected.</param>
    /// <param name="event">The rejected event.</param>
    /// <param name="sequenceNr">The sequence number it would have had (left unused).</param>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        Log(LogLevel.Warning, cause,
            $"Rejected to persist event {@event.GetType().Name} with sequence number {sequenceNr} for persistence id '{PersistenceId}'. {cause.Message}");

    /// <summary>
    /// Called when recovery fails (the journal or snapshot store could not be read, a manifest is unknown, or
    /// <see cref="ReceiveRecover"/> threw). The default logs an error. The actor stops afterwards.
    /// </summary>
    /// <param name="cause">What failed; usually a <see cref="RecoveryFailedException"/>.</param>
    protected virtual void OnRecoveryFailure(Exception cause) =>
        Log(LogLevel.Error, cause, $"{cause.Message} The actor stops.");

    /// <inheritdoc />
    protected sealed override bool Receive(object message)
    {
        switch (_phase)
        {
            case Phase.ProcessingCommands:
                return ReceiveWhileProcessingCommands(message);
            case Phase.AwaitingStart:
                if (message is StartRecovery start && start.InstanceId == _instanceId) BeginRecovery();
                else StashUnlessStale(message);
                return true;
            case Phase.LoadingSnapshot:
                ReceiveWhileLoadingSnapshot(message);
                return true;
            case Phase.Replaying:
                ReceiveWhileReplaying(message);
                return true;
            default:
                // Stopped after a failure: Context.Stop is on its way; nothing more is handled.
                return true;
        }
    }

    /// <summary>Returns held-back commands to the mailbox, so the next instance handles them after its recovery.</summary>
    /// <param name="reason">Why the actor failed.</param>
    /// <param name="message">The message it was processing.</param>
    protected override void PreRestart(Exception reason, object? message)
    {
        _internalStash.UnstashAll();
        base.PreRestart(reason, message);
    }

    /// <summary>Sends held-back commands to dead letters.</summary>
    protected override void PostStop()
    {
        foreach (var envelope in _internalStash.ClearStash())
        {
            Context.System.DeadLetters.Tell(envelope.Message, envelope.Sender ?? Context.System.DeadLetters);
        }

        base.PostStop();
    }

    private void Log(LogLevel level, Exception? cause, string text) =>
        Context.System.EventStream.Publish(new LogEvent(level, Self.Path.ToString(), text, cause, DateTimeOffset.UtcNow));

    /// <summary>A handler waiting for its event's write (sequence number from 1), or a deferred one (sequence number 0).</summary>
    private readonly record struct PendingHandler(long SequenceNr, object Value, Action<object> Handler, bool Stashing);
}
