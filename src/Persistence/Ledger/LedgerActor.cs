using System.Security.Cryptography;
using CodeSight.Actors;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Signals;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// Journals every <see cref="Observation"/> and every closed probe (<see cref="CloseSignal"/>) published on the
/// event stream into the verifiable ledger. Messages are buffered and written in one transaction per batch:
/// the batch is flushed when it reaches <see cref="LedgerSettings.MaxBatchSize"/>, or when the actor has worked
/// through the messages that were queued behind the first one (a flush request goes to the back of its own
/// mailbox), so batches grow with the load and latency stays one mailbox pass. Checkpoints follow
/// <see cref="LedgerSettings"/>; retention prunes old payloads on the checkpoint timer.
/// </summary>
/// <remarks>
/// A database that cannot be opened or written never stops the engine: the entries concerned are counted in
/// <see cref="LedgerCounters.Failed"/> with the error, and the actor retries opening on each checkpoint tick.
/// Run it on the blocking-I/O dispatcher (<see cref="Create"/> does), since every batch waits on the disk.
/// </remarks>
public sealed class LedgerActor : ReceiveActor
{
    private static readonly object CheckpointTimer = new();

    private readonly LedgerSettings _settings;
    private readonly LedgerCounters _counters;
    private readonly List<object> _buffer = new();
    private LedgerStore? _store;
    private ECDsa? _signingKey;
    private bool _flushQueued;

    /// <summary>Creates the actor; use <see cref="Create"/> to get its props.</summary>
    /// <param name="settings">Where and how to write.</param>
    /// <param name="counters">Where to count what was and was not persisted.</param>
    public LedgerActor(LedgerSettings settings, LedgerCounters counters)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(counters);
        _settings = settings;
        _counters = counters;
        Receive<Observation>(Buffer);
        Receive<CloseSignal>(Buffer);
        Receive<FlushNow>(_ =>
        {
            _flushQueued = false;
            Flush();
        });
        Receive<FlushLedger>(_ =>
        {
            Flush();
            Sender.Tell(new LedgerFlushed(_store?.Size ?? 0, _counters.Failed), Self);
        });
        Receive<CheckpointTick>(_ => Tick());
    }

    /// <summary>Props for a ledger actor on the blocking-I/O dispatcher.</summary>
    /// <param name="settings">Where and how to write.</param>
    /// <param name="counters">Where to count what was and was not persisted.</param>
    public static Props Create(LedgerSettings settings, LedgerCounters counters) =>
        Props.Create(() => new LedgerActor(settings, counters)).WithDispatcher(ActorSystemSettings.BlockingIoDispatcherId);

    /// <inheritdoc />
    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe<Observation>(Self);
        Context.System.EventStream.Subscribe<CloseSignal>(Self);
        TryOpen();
        Timers.StartPeriodicTimer(CheckpointTimer, CheckpointTick.Instance, _settings.CheckpointInterval);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        Flush();
        if (_store is not null)
        {
            try
            {
                if (_store.Size > _store.LastCheckpointSize)
                {
                    _store.Checkpoint();
                    _counters.AddCheckpoint();
                }
            }
            catch (PersistenceException exception)
            {
                _counters.AddFailed(0, exception.Message);
            }

            _store.Dispose();
            _store = null;
        }

        _signingKey?.Dispose();
    }

    private void Buffer(object item)
    {
        _buffer.Add(item);
        if (_buffer.Count >= _settings.MaxBatchSize)
        {
            Flush();
        }
        else if (!_flushQueued)
        {
            _flushQueued = true;
            Self.Tell(FlushNow.Instance, Self);
        }
    }

    private void Flush()
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        if (_store is null && !TryOpen())
        {
            _counters.AddFailed(_buffer.Count, _counters.LastError ?? "the ledger database is not open");
            _buffer.Clear();
            return;
        }

        try
        {
            LedgerAppendResult result = _store!.Append(_buffer);
            _counters.AddPersisted(result.Appended);
            if (result.Rejected > 0)
            {
                _counters.AddRejected(result.Rejected, result.FirstRejection ?? "an entry has no canonical JSON form");
            }
        }
        catch (PersistenceException exception)
        {
            // The batch was rolled back as a whole; the ledger is unchanged and stays usable for the next one.
            _counters.AddFailed(_buffer.Count, exception.Message);
        }
        finally
        {
            _buffer.Clear();
        }

        CheckpointIfDue();
    }

    private void Tick()
    {
        Flush();
        if (_store is null && !TryOpen())
        {
            return;
        }

        CheckpointIfDue();
        try
        {
            if (_settings.Retention is TimeSpan retention)
            {
                _store!.Prune(DateTimeOffset.UtcNow - retention);
            }
        }
        catch (PersistenceException exception)
        {
            _counters.AddFailed(0, exception.Message);
        }
    }

    private void CheckpointIfDue()
    {
        try
        {
            if (_store?.CheckpointIfDue() is not null)
            {
                _counters.AddCheckpoint();
            }
        }
        catch (PersistenceException exception)
        {
            // Entries stay journaled and chained; only the checkpoint is missing, and the next one covers them.
            _counters.AddFailed(0, exception.Message);
        }
    }

    private bool TryOpen()
    {
        try
        {
            if (_signingKey is null && _settings.SigningKeyPath is string path)
            {
                _signingKey = LedgerSigningKey.LoadPrivateKey(path);
            }

            _store = LedgerStore.Open(new LedgerOptions(_settings.StoreOptions())
            {
                CheckpointEvery = _settings.CheckpointEvery,
                CheckpointInterval = _settings.CheckpointInterval,
                SigningKey = _signingKey,
            });
            return true;
        }
        catch (Exception exception) when (exception is PersistenceException or LedgerKeyException)
        {
            _counters.AddFailed(0, exception.Message);
            return false;
        }
    }

    private sealed class FlushNow
    {
        public static readonly FlushNow Instance = new();
    }

    private sealed class CheckpointTick
    {
        public static readonly CheckpointTick Instance = new();
    }
}
