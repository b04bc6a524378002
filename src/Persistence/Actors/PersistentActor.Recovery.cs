using CodeSight.Persistence.Actors.Internal;
using CodeSight.Persistence.Actors.Serialization;
using CodeSight.Persistence.Journal;
using CodeSight.Persistence.Snapshots;

namespace CodeSight.Persistence.Actors;

/// <summary>Recovery: snapshot offer, replay, <see cref="RecoveryCompleted"/>, and failing it.</summary>
public abstract partial class PersistentActor
{
    private void BeginRecovery()
    {
        string persistenceId = PersistenceId;
        if (string.IsNullOrEmpty(persistenceId))
        {
            FailRecovery(new InvalidOperationException($"{GetType().Name} at {Self.Path}: PersistenceId is null or empty."));
            return;
        }

        _recovery = Recovery ?? Recovery.Default;
        if (_recovery.FromSnapshot is { } criteria)
        {
            _phase = Phase.LoadingSnapshot;
            SnapshotCriteria bounded = criteria with { MaxSequenceNumber = Math.Min(criteria.MaxSequenceNumber, _recovery.ToSequenceNr) };
            Persistence.SnapshotStore.Tell(new LoadSnapshot(persistenceId, bounded, Self, _instanceId), Self);
        }
        else
        {
            RequestReplay();
        }
    }

    private void ReceiveWhileLoadingSnapshot(object message)
    {
        switch (message)
        {
            case SnapshotLoaded loaded when loaded.InstanceId == _instanceId:
                if (loaded.Entry is { } entry && !OfferSnapshot(entry)) return;
                RequestReplay();
                break;
            case SnapshotLoadFailed failed when failed.InstanceId == _instanceId:
                FailRecovery(new RecoveryFailedException(PersistenceId, null, null, $"the snapshot store could not be read: {failed.Cause.Message}", failed.Cause));
                break;
            default:
                StashUnlessStale(message);
                break;
        }
    }

    private bool OfferSnapshot(SnapshotEntry entry)
    {
        object snapshot;
        try
        {
            snapshot = Persistence.Serializer.Deserialize(entry.Manifest, entry.Snapshot);
        }
        catch (EventSerializationException e)
        {
            FailRecovery(new RecoveryFailedException(PersistenceId, entry.SequenceNumber, entry.Manifest, $"the snapshot cannot be read: {e.Message}", e));
            return false;
        }

        _snapshotSequenceNr = _lastSequenceNr = _sequenceNr = entry.SequenceNumber;
        return RunRecoveryHandler(new SnapshotOffer(new SnapshotMetadata(entry.PersistenceId, entry.SequenceNumber, entry.Created), snapshot), entry.SequenceNumber, entry.Manifest);
    }

    private void RequestReplay()
    {
        _phase = Phase.Replaying;
        long from = _lastSequenceNr + 1;
        Persistence.Journal.Tell(new ReplayEvents(PersistenceId, from, _recovery.ToSequenceNr, _recovery.ReplayMax, Self, _instanceId), Self);
    }

    private void ReceiveWhileReplaying(object message)
    {
        switch (message)
        {
            case ReplayedEvent replayed when replayed.InstanceId == _instanceId:
                JournalEntry entry = replayed.Entry;
                object @event;
                try
                {
                    @event = Persistence.Serializer.Deserialize(entry.Manifest, entry.Payload);
                }
                catch (EventSerializationException e)
                {
                    FailRecovery(new RecoveryFailedException(PersistenceId, entry.SequenceNumber, entry.Manifest, $"the event cannot be read: {e.Message}", e));
                    return;
                }

                _lastSequenceNr = _sequenceNr = entry.SequenceNumber;
                RunRecoveryHandler(@event, entry.SequenceNumber, entry.Manifest);
                break;
            case ReplayCompleted completed when completed.InstanceId == _instanceId:
                // Continue after the highest number ever written, even if it was deleted or not replayed.
                _lastSequenceNr = _sequenceNr = Math.Max(completed.HighestSequenceNr, _lastSequenceNr);
                _phase = Phase.ProcessingCommands;
                _eventBatch.Clear();
                if (!RunRecoveryHandler(RecoveryCompleted.Instance, null, null)) return;
                FlushBatch(); // RecoveryCompleted may persist
                if (_pendingStashingHandlers == 0) _internalStash.UnstashAll();
                break;
            case ReplayFailed failed when failed.InstanceId == _instanceId:
                FailRecovery(new RecoveryFailedException(PersistenceId, null, null, $"the journal could not be read: {failed.Cause.Message}", failed.Cause));
                break;
            default:
                StashUnlessStale(message);
                break;
        }
    }

    private bool RunRecoveryHandler(object message, long? sequenceNr, string? manifest)
    {
        bool handled;
        try
        {
            handled = ReceiveRecover(message);
        }
        catch (Exception e)
        {
            FailRecovery(new RecoveryFailedException(PersistenceId, sequenceNr, manifest,
                $"ReceiveRecover threw {e.GetType().Name} for {message.GetType().Name}: {e.Message}", e));
            return false;
        }

        if (!handled && message is not RecoveryCompleted and not SnapshotOffer) Unhandled(message);
        return true;
    }

    private void FailRecovery(Exception cause)
    {
        _phase = Phase.Stopped;
        OnRecoveryFailure(cause);
        Context.Stop(Self);
    }
}
