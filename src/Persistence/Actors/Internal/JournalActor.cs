using CodeSight.Actors;
using CodeSight.Persistence.Journal;

namespace CodeSight.Persistence.Actors.Internal;

/// <summary>
/// The journal's front: queues every request and keeps at most one operation in flight at its writer. Write
/// requests that queue up while a batch is being written leave together as the next batch, in one transaction
/// (up to the batch size), so many actors persisting at once cost few commits. Replays and deletions keep their
/// place in the queue, so they see every write requested before them.
/// </summary>
internal sealed class JournalActor : ActorBase
{
    private readonly IActorRef _writer;
    private readonly JournalCounters _counters;
    private readonly int _maxBatchSize;
    private readonly Queue<object> _waiting = new();
    private bool _busy;

    public JournalActor(SqliteJournal journal, JournalCounters counters, int maxBatchSize)
    {
        _maxBatchSize = maxBatchSize;
        _counters = counters;
        _writer = Context.ActorOf(
            Props.Create(() => new JournalWriter(journal, counters)).WithDispatcher(ActorSystemSettings.BlockingIoDispatcherId),
            "writer");
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case JournalOperationDone:
                _busy = false;
                SendNext();
                return true;
            case WriteEvents:
                _counters.AddWriteRequest();
                _waiting.Enqueue(message);
                if (!_busy) SendNext();
                return true;
            case ReplayEvents or DeleteEvents:
                _waiting.Enqueue(message);
                if (!_busy) SendNext();
                return true;
            default:
                return false;
        }
    }

    private void SendNext()
    {
        if (!_waiting.TryPeek(out object? head)) return;
        if (head is WriteEvents)
        {
            var requests = new List<WriteEvents>();
            int rows = 0;
            // The first request always goes, even when it alone is larger than a batch: PersistAll is atomic.
            while (_waiting.TryPeek(out object? next) && next is WriteEvents write &&
                   (requests.Count == 0 || rows + write.RowCount <= _maxBatchSize))
            {
                _waiting.Dequeue();
                requests.Add(write);
                rows += write.RowCount;
            }

            _writer.Tell(new WriteBatch(requests), Self);
        }
        else
        {
            _writer.Tell(_waiting.Dequeue(), Self);
        }

        _busy = true;
    }
}
