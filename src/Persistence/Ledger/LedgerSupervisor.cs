using System.Security.Cryptography;
using CodeSight.Actors;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Signals;
using CodeSight.Persistence.Actors;
using CodeSight.Persistence.Sqlite;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// Keeps one <see cref="LedgerActor"/> incarnation running over the ledger's own persistence (journal and
/// snapshot-store actors as children, the ledger's journal extension in the journal): subscribes to observations
/// and closed probes, forwards them once the incarnation has recovered (holding them meanwhile), and counts as
/// failed every item it cannot hand on. When an incarnation stops after a journal failure, whatever it had not
/// persisted is counted, pending flush requests are answered, and a fresh incarnation recovers from the file at
/// once; a database that cannot be opened is retried on each checkpoint tick, which also prunes for retention.
/// </summary>
internal sealed class LedgerSupervisor : ReceiveActor
{
    private static readonly object TickTimer = new();

    private readonly LedgerSettings _settings;
    private readonly LedgerCounters _counters;
    private readonly List<(object Message, IActorRef Sender)> _waiting = new();
    private readonly Queue<IActorRef> _flushRequests = new();
    private ECDsa? _signingKey;
    private SqlitePersistence? _persistence;
    private IActorRef? _writer;
    private LedgerIntake _intake = new();
    private long _forwarded;
    private bool _ready;
    private int _incarnation;
    private long _lastSize;

    public LedgerSupervisor(LedgerSettings settings, LedgerCounters counters)
    {
        _settings = settings;
        _counters = counters;
        Receive<Observation>(Accept);
        Receive<CloseSignal>(Accept);
        Receive<FlushLedger>(Flush);
        // Answers from an incarnation that has since stopped are stale: its requests were answered when it stopped.
        Receive<LedgerFlushed>(flushed => Sender.Equals(_writer), Flushed);
        Receive<LedgerReady>(_ => Sender.Equals(_writer), _ => Ready());
        Receive<Terminated>(WriterStopped);
        Receive<Tick>(_ => OnTick());
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe<Observation>(Self);
        Context.System.EventStream.Subscribe<CloseSignal>(Self);
        StartWriter();
        Timers.StartPeriodicTimer(TickTimer, Tick.Instance, _settings.CheckpointInterval);
    }

    // The children (the writer, the journal whose extension writes the final checkpoint) have stopped by now.
    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        CountWaitingAsFailed();
        _signingKey?.Dispose();
    }

    private void Accept(object item)
    {
        if (_writer is null)
        {
            _counters.AddFailed(1, _counters.LastError ?? "the ledger database is not open");
        }
        else if (!_ready)
        {
            Hold(item);
        }
        else
        {
            _forwarded++;
            _writer.Tell(item, Self);
        }
    }

    private void Flush(FlushLedger request)
    {
        if (_writer is null)
        {
            Sender.Tell(new LedgerFlushed(_lastSize, _counters.Failed), Self);
        }
        else if (!_ready)
        {
            _waiting.Add((request, Sender));
        }
        else
        {
            _flushRequests.Enqueue(Sender);
            _writer.Tell(request, Self);
        }
    }

    private void Flushed(LedgerFlushed flushed)
    {
        _lastSize = flushed.Size;
        if (_flushRequests.TryDequeue(out IActorRef? requester))
        {
            requester.Tell(flushed, Self);
        }
    }

    private void Hold(object item)
    {
        // Recovery takes a moment; beyond a bound, items are counted rather than held without limit.
        if (_waiting.Count < _settings.MaxBatchSize * 16)
        {
            _waiting.Add((item, Sender));
        }
        else
        {
            _counters.AddFailed(1, "the ledger was still recovering and its holding buffer was full");
        }
    }

    private void Ready()
    {
        _ready = true;
        foreach ((object message, IActorRef sender) in _waiting)
        {
            if (message is FlushLedger request)
            {
                _flushRequests.Enqueue(sender);
                _writer!.Tell(request, Self);
            }
            else
            {
                _forwarded++;
                _writer!.Tell(message, Self);
            }
        }

        _waiting.Clear();
    }

    private void WriterStopped(Terminated terminated)
    {
        if (!terminated.ActorRef.Equals(_writer))
        {
            return;
        }

        // Its PostStop has counted what it held; what remained in its mailbox is the rest of what was forwarded.
        long lost = _forwarded - _intake.Accounted;
        if (lost > 0)
        {
            _counters.AddFailed(lost, _counters.LastError ?? "the ledger writer stopped before these entries were written");
        }

        bool wasWorking = _ready;
        _writer = null;
        _ready = false;
        StopPersistence();
        CountWaitingAsFailed();
        while (_flushRequests.TryDequeue(out IActorRef? requester))
        {
            requester.Tell(new LedgerFlushed(_lastSize, _counters.Failed), Self);
        }

        if (wasWorking)
        {
            // A refused batch (full disk, lock held too long): start over from what the file holds.
            StartWriter();
        }
    }

    private void OnTick()
    {
        if (_writer is null)
        {
            StartWriter();
        }

        if (_settings.Retention is TimeSpan retention)
        {
            try
            {
                using SqliteDatabase database = SqliteDatabase.Open(_settings.StoreOptions());
                LedgerRetention.Prune(database, DateTimeOffset.UtcNow - retention);
            }
            catch (PersistenceException exception)
            {
                _counters.AddFailed(0, exception.Message);
            }
        }
    }

    private void StartWriter()
    {
        try
        {
            if (_signingKey is null && _settings.SigningKeyPath is string path)
            {
                _signingKey = LedgerSigningKey.LoadPrivateKey(path);
            }

            var options = new LedgerOptions(_settings.StoreOptions())
            {
                CheckpointEvery = _settings.CheckpointEvery,
                CheckpointInterval = _settings.CheckpointInterval,
                SigningKey = _signingKey,
            };
            _incarnation++;
            SqlitePersistence persistence = SqlitePersistence.StartDedicated(
                Self,
                Context.System,
                new PersistenceOptions { Store = options.Store, MaxBatchSize = _settings.MaxBatchSize },
                new LedgerJournalExtension(options, _counters),
                LedgerEventSerializer.Instance,
                $"store-{_incarnation}-");
            var intake = new LedgerIntake();
            _persistence = persistence;
            _intake = intake;
            _forwarded = 0;
            _writer = Context.ActorOf(
                Props.Create(() => new LedgerActor(_settings, _counters, persistence, intake)).WithDispatcher(ActorSystemSettings.BlockingIoDispatcherId),
                $"writer-{_incarnation}");
            Context.Watch(_writer);
        }
        catch (Exception exception) when (exception is PersistenceException or LedgerKeyException)
        {
            _counters.AddFailed(0, exception.Message);
        }
    }

    private void StopPersistence()
    {
        if (_persistence is { } persistence)
        {
            Context.Stop(persistence.Journal);
            Context.Stop(persistence.SnapshotStore);
            _persistence = null;
        }
    }

    private void CountWaitingAsFailed()
    {
        int items = _waiting.Count(w => w.Message is not FlushLedger);
        if (items > 0)
        {
            _counters.AddFailed(items, _counters.LastError ?? "the ledger stopped before these entries were written");
        }

        foreach ((object message, IActorRef sender) in _waiting)
        {
            if (message is FlushLedger)
            {
                sender.Tell(new LedgerFlushed(_lastSize, _counters.Failed), Self);
            }
        }

        _waiting.Clear();
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
