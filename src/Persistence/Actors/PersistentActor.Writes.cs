using CodeSight.Actors;
using CodeSight.Persistence.Actors.Internal;
using CodeSight.Persistence.Actors.Serialization;
using CodeSight.Persistence.Journal;

namespace CodeSight.Persistence.Actors;

/// <summary>Commands and writes: the pending-handler queue, held-back commands, and the journal's answers.</summary>
public abstract partial class PersistentActor
{
    private bool ReceiveWhileProcessingCommands(object message)
    {
        switch (message)
        {
            case EventWritten written:
                if (written.InstanceId == _instanceId) OnEventWritten(written.SequenceNr);
                return true;
            case EventRejected rejected:
                if (rejected.InstanceId == _instanceId) OnEventRejected(rejected);
                return true;
            case EventWriteFailed failed:
                if (failed.InstanceId == _instanceId) OnEventWriteFailed(failed);
                return true;
            case DeferredReady ready:
                if (ready.InstanceId == _instanceId) OnDeferredReady();
                return true;
            case StartRecovery or SnapshotLoaded or SnapshotLoadFailed or ReplayedEvent or ReplayCompleted or ReplayFailed:
                return true; // a previous incarnation's, or a duplicate: ignore
        }

        if (_pendingStashingHandlers > 0)
        {
            _internalStash.Stash();
            return true;
        }

        _eventBatch.Clear();
        bool handled = (_commandBehavior ?? ReceiveCommand)(message);
        FlushBatch();
        return handled;
    }

    private void OnEventWritten(long sequenceNr)
    {
        PendingHandler pending = TakeNextPersistHandler(sequenceNr);
        _lastSequenceNr = sequenceNr;
        pending.Handler(pending.Value);
        AfterHandler();
    }

    private void OnEventRejected(EventRejected rejected)
    {
        PendingHandler pending = TakeNextPersistHandler(rejected.SequenceNr);
        OnPersistRejected(rejected.Cause, pending.Value, rejected.SequenceNr);
        AfterHandler();
    }

    private void OnEventWriteFailed(EventWriteFailed failed)
    {
        PendingHandler pending = TakeNextPersistHandler(failed.SequenceNr);
        _phase = Phase.Stopped;
        try
        {
            OnPersistFailure(failed.Cause, pending.Value, failed.SequenceNr);
        }
        finally
        {
            Context.Stop(Self);
        }
    }

    private void OnDeferredReady()
    {
        PendingHandler pending = TakeNextPersistHandler(0);
        pending.Handler(pending.Value);
        AfterHandler();
    }

    private PendingHandler TakeNextPersistHandler(long sequenceNr)
    {
        if (!_pendingHandlers.TryDequeue(out PendingHandler pending) || pending.SequenceNr != sequenceNr)
        {
            throw new InvalidOperationException(
                $"Persistence id '{PersistenceId}': the journal answered for sequence number {sequenceNr}, but the next pending handler is for " +
                $"{(pending.Handler is null ? "nothing" : pending.SequenceNr.ToString(System.Globalization.CultureInfo.InvariantCulture))}.");
        }

        if (pending.Stashing) _pendingStashingHandlers--;
        return pending;
    }

    private void AfterHandler()
    {
        FlushBatch();
        if (_pendingStashingHandlers == 0) _internalStash.UnstashAll();
    }

    private void PersistGroup<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler, bool stashing) where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(handler);
        if (_phase != Phase.ProcessingCommands)
        {
            throw new InvalidOperationException(
                $"Persistence id '{PersistenceId}': events can only be persisted after recovery (not from ReceiveRecover or after a failure).");
        }

        var writes = new List<EventWrite>();
        Exception? rejection = null;
        IActorRef sender = Sender;
        IEventSerializer serializer = Persistence.Serializer;
        foreach (TEvent @event in events)
        {
            ArgumentNullException.ThrowIfNull(@event, nameof(events));
            long sequenceNr = ++_sequenceNr;
            JournalWrite? row = null;
            if (rejection is null)
            {
                try
                {
                    row = ToJournalWrite(@event, sequenceNr, serializer);
                }
                catch (Exception e) when (e is EventSerializationException or ArgumentException)
                {
                    rejection = e;
                }
            }

            writes.Add(new EventWrite(sequenceNr, sender, row));
            _pendingHandlers.Enqueue(new PendingHandler(sequenceNr, @event, e => handler((TEvent)e), stashing));
            if (stashing) _pendingStashingHandlers++;
        }

        if (writes.Count > 0) _eventBatch.Add(new AtomicWrite(writes, rejection));
    }

    private JournalWrite ToJournalWrite(object @event, long sequenceNr, IEventSerializer serializer)
    {
        if (@event is not Tagged tagged)
        {
            SerializedEvent plain = serializer.Serialize(@event);
            return new JournalWrite(PersistenceId, sequenceNr, plain.Manifest, plain.Payload, _writerUuid) { Event = @event };
        }

        // Checked here, not by the journal: a bad tag must reject this event, not fail the batch it would share.
        ArgumentNullException.ThrowIfNull(tagged.Payload, nameof(Tagged.Payload));
        ArgumentNullException.ThrowIfNull(tagged.Tags, nameof(Tagged.Tags));
        for (int i = 0; i < tagged.Tags.Count; i++)
        {
            string tag = tagged.Tags[i];
            if (string.IsNullOrEmpty(tag) || tag.Contains(';', StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Persistence id '{PersistenceId}', sequence number {sequenceNr}: tag {i} ('{tag}') is empty or contains ';'.", nameof(@event));
            }
        }

        SerializedEvent serialized = serializer.Serialize(tagged.Payload);
        return new JournalWrite(PersistenceId, sequenceNr, serialized.Manifest, serialized.Payload, _writerUuid) { Tags = [.. tagged.Tags], Event = tagged.Payload };
    }

    private void DeferCore<T>(T value, Action<T> handler, bool stashing)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (_phase != Phase.ProcessingCommands)
        {
            throw new InvalidOperationException($"Persistence id '{PersistenceId}': Defer is only allowed after recovery.");
        }

        if (_pendingHandlers.Count == 0)
        {
            handler(value);
            return;
        }

        // The journal answers it in its place after the pending writes, with this command's sender.
        _pendingHandlers.Enqueue(new PendingHandler(0, value!, v => handler((T)v!), stashing));
        if (stashing) _pendingStashingHandlers++;
        _eventBatch.Add(new AtomicWrite([new EventWrite(0, Sender, null)], null, Loopback: true));
    }

    private void FlushBatch()
    {
        if (_eventBatch.Count == 0) return;
        var writes = _eventBatch.ToArray();
        _eventBatch.Clear();
        Persistence.Journal.Tell(new WriteEvents(Self, _instanceId, writes), Self);
    }

    private void StashUnlessStale(object message)
    {
        // Answers meant for an earlier incarnation of this actor are dropped, not held back.
        if (message is StartRecovery or SnapshotLoaded or SnapshotLoadFailed or ReplayedEvent or ReplayCompleted or ReplayFailed
            or EventWritten or EventRejected or EventWriteFailed or DeferredReady)
        {
            return;
        }

        _internalStash.Stash();
    }
}
