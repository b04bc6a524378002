using CodeSight.Actors;
using CodeSight.Persistence.Journal;

namespace CodeSight.Persistence.Actors.Internal;

/// <summary>
/// The only user of the journal's connection, on the blocking-io dispatcher: writes batches, replays streams and
/// deletes events, one at a time, answering the persistent actors directly and its parent when each is done.
/// Every failure is answered, never thrown, so the writer is never restarted with a half-used connection.
/// </summary>
internal sealed class JournalWriter(SqliteJournal journal, JournalCounters counters) : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WriteBatch batch:
                Write(batch.Requests);
                break;
            case ReplayEvents replay:
                Replay(replay);
                break;
            case DeleteEvents delete:
                Delete(delete);
                break;
            default:
                return false;
        }

        Sender.Tell(JournalOperationDone.Instance, Self);
        return true;
    }

    protected override void PreRestart(Exception reason, object? message)
    {
        // Keep the connection open for the next instance: PostStop would close it.
    }

    protected override void PostStop() => journal.Dispose();

    private void Write(IReadOnlyList<WriteEvents> requests)
    {
        Exception? failure = TryCommit(requests);
        if (failure is SequenceConflictException && requests.Count > 1)
        {
            // One stream's conflict (two writers for one persistence id) must not fail the others' events:
            // retry each request in a transaction of its own, so only the conflicting one fails.
            foreach (WriteEvents request in requests)
            {
                Reply(request, TryCommit([request]));
            }

            return;
        }

        foreach (WriteEvents request in requests)
        {
            Reply(request, failure);
        }
    }

    private Exception? TryCommit(IReadOnlyList<WriteEvents> requests)
    {
        var rows = new List<JournalWrite>();
        foreach (WriteEvents request in requests)
        {
            foreach (AtomicWrite write in request.Writes)
            {
                if (!write.HasRows) continue;
                foreach (EventWrite e in write.Events) rows.Add(e.Row!);
            }
        }

        if (rows.Count == 0) return null;
        counters.AddTransaction();
        try
        {
            journal.WriteBatch(rows);
            counters.AddWritten(rows.Count);
            return null;
        }
        catch (Exception e) when (e is PersistenceException or ArgumentException or ObjectDisposedException)
        {
            return e;
        }
    }

    private void Reply(WriteEvents request, Exception? failure)
    {
        foreach (AtomicWrite write in request.Writes)
        {
            foreach (EventWrite e in write.Events)
            {
                object reply;
                if (write.Loopback)
                {
                    reply = new DeferredReady(request.InstanceId);
                }
                else if (write.Rejection is { } rejection)
                {
                    counters.AddRejected(1);
                    reply = new EventRejected(e.SequenceNr, rejection, request.InstanceId);
                }
                else if (failure is not null)
                {
                    counters.AddFailed(1);
                    reply = new EventWriteFailed(e.SequenceNr, failure, request.InstanceId);
                }
                else
                {
                    reply = new EventWritten(e.SequenceNr, request.InstanceId);
                }

                // Sent as the command's sender, so a persist handler's Sender is the one who asked.
                request.PersistentActor.Tell(reply, e.Sender);
            }
        }
    }

    private void Replay(ReplayEvents replay)
    {
        try
        {
            long delivered = journal.Replay(replay.PersistenceId, replay.FromSequenceNr, replay.ToSequenceNr, replay.Max,
                entry => replay.PersistentActor.Tell(new ReplayedEvent(entry, replay.InstanceId), Self));
            counters.AddReplayed(delivered);
            long highest = journal.HighestSequenceNumber(replay.PersistenceId);
            replay.PersistentActor.Tell(new ReplayCompleted(highest, replay.InstanceId), Self);
        }
        catch (Exception e) when (e is PersistenceException or ArgumentException or ObjectDisposedException)
        {
            replay.PersistentActor.Tell(new ReplayFailed(e, replay.InstanceId), Self);
        }
    }

    private void Delete(DeleteEvents delete)
    {
        try
        {
            journal.DeleteUpTo(delete.PersistenceId, delete.ToSequenceNr);
            delete.PersistentActor.Tell(new DeleteMessagesSuccess(delete.ToSequenceNr), Self);
        }
        catch (Exception e) when (e is PersistenceException or ArgumentException or ObjectDisposedException)
        {
            delete.PersistentActor.Tell(new DeleteMessagesFailure(e, delete.ToSequenceNr), Self);
        }
    }
}
