using CodeSight.Actors;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Signals;
using CodeSight.Persistence.Actors;
using CodeSight.Persistence.Chain;
using CodeSight.Persistence.Merkle;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// The persistent actor that journals every <see cref="Observation"/> and every closed probe
/// (<see cref="CloseSignal"/>) into the verifiable ledger, under persistence id <c>ledger</c>, in a database of
/// its own (<see cref="LedgerSettings.Path"/>). Each item gets the next sequence number and becomes an entry:
/// canonical JSON, leaf hash, chain link, Merkle frontier. Items are gathered for one mailbox pass (or up to
/// <see cref="LedgerSettings.MaxBatchSize"/>) and persisted with <c>PersistAllAsync</c>, so the actor encodes and
/// hashes the next batch while the journal writes the last one on the other core; the journal's batching
/// (one batch in flight, the rest forms the next) decides the transactions, and the ledger's journal
/// extension writes leaf rows, the recovery snapshot and due checkpoints in the same transaction as the
/// journal rows. Recovery is the persistent actor's: the newest snapshot (frontier and chain head) is offered,
/// then the entries journaled after it are re-hashed and re-linked.
/// </summary>
/// <remarks>
/// <see cref="Create"/> returns the props of the ledger's supervisor, which subscribes to the event stream and
/// runs one incarnation of this actor at a time. A journal failure stops an incarnation, as for every persistent
/// actor; the supervisor counts every item it could not persist (<see cref="LedgerCounters.Failed"/>, with the
/// error), starts a fresh incarnation that recovers from the file, and retries a database that cannot be opened
/// on each checkpoint tick. The engine is never stopped over the ledger.
/// </remarks>
public sealed class LedgerActor : PersistentActor
{
    private readonly LedgerSettings _settings;
    private readonly LedgerCounters _counters;
    private readonly SqlitePersistence _persistence;
    private readonly LedgerIntake _intake;
    private readonly LedgerItemEncoder _encoder = new();
    private readonly List<object> _buffer = new();
    private readonly Action<LedgerRecord> _onPersisted;
    private MerkleFrontier _frontier = new();
    private byte[] _chain = HashChain.Genesis.ToArray();
    private long _inFlight;
    private bool _flushQueued;
    private string? _failure;

    internal LedgerActor(LedgerSettings settings, LedgerCounters counters, SqlitePersistence persistence, LedgerIntake intake)
    {
        _settings = settings;
        _counters = counters;
        _persistence = persistence;
        _intake = intake;
        _onPersisted = OnPersisted;
    }

    /// <summary>The ledger's stream in its journal: <c>ledger</c>.</summary>
    public override string PersistenceId => LedgerSchema.PersistenceId;

    /// <inheritdoc />
    protected override SqlitePersistence Persistence => _persistence;

    /// <summary>Props for the ledger (its supervisor, on the blocking-I/O dispatcher).</summary>
    /// <param name="settings">Where and how to write.</param>
    /// <param name="counters">Where to count what was and was not persisted.</param>
    public static Props Create(LedgerSettings settings, LedgerCounters counters)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(counters);
        return Props.Create(() => new LedgerSupervisor(settings, counters)).WithDispatcher(ActorSystemSettings.BlockingIoDispatcherId);
    }

    /// <summary>
    /// Starts the ledger as <c>/user/<paramref name="name"/></c> and subscribes it to observations and closed probes
    /// before returning, so that everything published after this call is journaled. (A subscription made only in the
    /// actor's PreStart would begin later, on a pool thread, and miss what a host records right away.)
    /// </summary>
    /// <param name="system">The system whose event stream the ledger journals.</param>
    /// <param name="settings">Where and how to write.</param>
    /// <param name="counters">Where to count what was and was not persisted.</param>
    /// <param name="name">The actor's name under <c>/user</c>.</param>
    public static IActorRef Start(ActorSystem system, LedgerSettings settings, LedgerCounters counters, string name = "ledger")
    {
        ArgumentNullException.ThrowIfNull(system);
        var ledger = system.ActorOf(Create(settings, counters), name);
        system.EventStream.Subscribe<Observation>(ledger);
        system.EventStream.Subscribe<CloseSignal>(ledger);
        return ledger;
    }

    /// <inheritdoc />
    protected override bool ReceiveRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: LedgerSnapshot snapshot }:
                _frontier = snapshot.Frontier;
                _chain = snapshot.ChainHead;
                return true;
            case LedgerPayload payload:
                long expected = _frontier.Size + 1;
                if (LedgerEntryCodec.ReadSequence(payload.Bytes) != expected)
                {
                    throw new PersistenceException(
                        _settings.Path, $"SQLite database file '{_settings.Path}': journal entry {expected} does not carry sequence number {expected}; run the ledger verifier.");
                }

                byte[] leaf = MerkleHash.Leaf(payload.Bytes);
                HashChain.Next(_chain, leaf, _chain);
                _frontier.Append(leaf);
                return true;
            case RecoveryCompleted:
                if (LastSequenceNr != _frontier.Size)
                {
                    throw new PersistenceException(
                        _settings.Path,
                        $"SQLite database file '{_settings.Path}': the journal ends at ledger entry {LastSequenceNr} but its snapshot and entries cover {_frontier.Size}; run the ledger verifier.");
                }

                Context.Parent.Tell(LedgerReady.Instance, Self);
                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc />
    protected override bool ReceiveCommand(object message)
    {
        switch (message)
        {
            case Observation or CloseSignal:
                _buffer.Add(message);
                if (_buffer.Count >= _settings.MaxBatchSize)
                {
                    Flush();
                }
                else if (!_flushQueued)
                {
                    // Goes to the back of the mailbox: everything queued meanwhile joins this batch.
                    _flushQueued = true;
                    Self.Tell(FlushNow.Instance, Self);
                }

                return true;
            case FlushNow:
                _flushQueued = false;
                Flush();
                return true;
            case FlushLedger:
                Flush();
                IActorRef requester = Sender;
                DeferAsync(requester, r => r.Tell(new LedgerFlushed(_frontier.Size, _counters.Failed), Self));
                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _failure = cause.Message;
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <inheritdoc />
    protected override void OnRecoveryFailure(Exception cause)
    {
        _counters.AddFailed(0, cause.Message);
        base.OnRecoveryFailure(cause);
    }

    /// <summary>Counts everything this incarnation accepted but did not see persisted as failed.</summary>
    protected override void PostStop()
    {
        long lost = _inFlight + _buffer.Count;
        if (lost > 0)
        {
            _counters.AddFailed(lost, _failure ?? _counters.LastError ?? "the ledger writer stopped before these entries were written");
            _intake.Add(lost);
        }

        _buffer.Clear();
        base.PostStop();
    }

    private void Flush()
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        long recordedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var records = new List<LedgerRecord>(_buffer.Count);
        int rejected = 0;
        string? firstRejection = null;
        foreach (object item in _buffer)
        {
            long sequence = _frontier.Size + 1;
            if (!_encoder.TryEncode(item, sequence, recordedAt, out EntryIndex index, out string? rejection))
            {
                rejected++;
                firstRejection ??= rejection;
                continue;
            }

            byte[] payload = _encoder.Payload.ToArray();
            byte[] leaf = MerkleHash.Leaf(payload);
            HashChain.Next(_chain, leaf, _chain);
            _frontier.Append(leaf);
            records.Add(new LedgerRecord(sequence, payload, leaf, (byte[])_chain.Clone(), index));
        }

        _buffer.Clear();
        if (rejected > 0)
        {
            _counters.AddRejected(rejected, firstRejection ?? "an entry has no canonical JSON form");
            _intake.Add(rejected);
        }

        if (records.Count > 0)
        {
            records[^1].Snapshot = new LedgerSnapshot(MerkleFrontier.FromBytes(_frontier.ToBytes()), _chain);
            _inFlight += records.Count;
            PersistAllAsync(records, _onPersisted);
        }
    }

    private void OnPersisted(LedgerRecord record)
    {
        _inFlight--;
        _counters.AddPersisted(1);
        _intake.Add(1);
    }

    private sealed class FlushNow
    {
        public static readonly FlushNow Instance = new();
    }
}
