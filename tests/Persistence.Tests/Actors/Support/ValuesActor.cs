using CodeSight.Actors;
using CodeSight.Persistence.Actors;
using CodeSight.Persistence.Snapshots;

namespace CodeSight.Persistence.Tests.Actors.Support;

/// <summary>
/// A persistent list of integers that reports everything that happens to it: handlers answer the command's sender
/// with <see cref="Applied"/>; recovery, rejections, failures, snapshots and deletions go to the observer.
/// </summary>
public sealed class ValuesActor : PersistentActor
{
    private readonly string _persistenceId;
    private readonly IActorRef _observer;
    private readonly Recovery _recovery;
    private readonly List<int> _values = new();

    public ValuesActor(string persistenceId, IActorRef observer, Recovery? recovery = null)
    {
        _persistenceId = persistenceId;
        _observer = observer;
        _recovery = recovery ?? Recovery.Default;
    }

    public override string PersistenceId => _persistenceId;

    protected override Recovery Recovery => _recovery;

    public static Props Props(string persistenceId, IActorRef observer, Recovery? recovery = null) =>
        CodeSight.Actors.Props.Create(() => new ValuesActor(persistenceId, observer, recovery));

    protected override bool ReceiveRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: ValuesSnapshot snapshot } offer:
                _values.AddRange(snapshot.Values);
                _observer.Tell(new SnapshotOffered([.. snapshot.Values], offer.Metadata.SequenceNr), Self);
                return true;
            case Added added:
                _values.Add(added.Value);
                return true;
            case Noted:
                return true;
            case RecoveryCompleted:
                _observer.Tell(new Recovered([.. _values], LastSequenceNr, SnapshotSequenceNr), Self);
                return true;
            default:
                return false;
        }
    }

    protected override bool ReceiveCommand(object message)
    {
        switch (message)
        {
            case Add add:
                Persist(new Added(add.Value), Apply);
                return true;
            case AddAsync add:
                PersistAsync(new Added(add.Value), Apply);
                return true;
            case AddAll add:
                PersistAll(add.Values.Select(v => new Added(v)), Apply);
                return true;
            case AddAllAsync add:
                PersistAllAsync(add.Values.Select(v => new Added(v)), Apply);
                return true;
            case AddThenNested add:
                Persist(new Added(add.Value), e =>
                {
                    Apply(e);
                    Persist(new Added(e.Value * 10), Apply);
                });
                return true;
            case PersistMixed mixed:
                PersistAll(mixed.Events, e => Sender.Tell(new Applied(-1, LastSequenceNr), Self));
                return true;
            case Note note:
                Persist(new Noted(note.Text), _ => Sender.Tell(new Applied(0, LastSequenceNr), Self));
                return true;
            case DeferNote note:
                if (note.Stashing) Defer(note.Text, text => Sender.Tell(text, Self));
                else DeferAsync(note.Text, text => Sender.Tell(text, Self));
                return true;
            case Boom boom:
                throw new InvalidOperationException(boom.Reason);
            case Get:
                Sender.Tell(new Values([.. _values], LastSequenceNr), Self);
                return true;
            case TakeSnapshot:
                SaveSnapshot(new ValuesSnapshot([.. _values]));
                return true;
            case SnapshotUnregistered:
                SaveSnapshot(new Unregistered(0));
                return true;
            case DeleteUpTo delete:
                DeleteMessages(delete.SequenceNr);
                return true;
            case DeleteSnapshotsUpTo delete:
                DeleteSnapshots(SnapshotCriteria.UpTo(delete.SequenceNr));
                return true;
            case SaveSnapshotSuccess or SaveSnapshotFailure or DeleteMessagesSuccess or DeleteMessagesFailure
                or DeleteSnapshotsSuccess or DeleteSnapshotsFailure:
                _observer.Tell(message, Self);
                return true;
            default:
                return false;
        }
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        _observer.Tell(new Rejected(@event, sequenceNr, cause), Self);
    }

    private void Apply(Added added)
    {
        _values.Add(added.Value);
        Sender.Tell(new Applied(added.Value, LastSequenceNr), Self);
    }

    public sealed record Add(int Value);

    public sealed record AddAsync(int Value);

    public sealed record AddAll(int[] Values);

    public sealed record AddAllAsync(int[] Values);

    public sealed record AddThenNested(int Value);

    public sealed record PersistMixed(object[] Events);

    public sealed record Note(string Text);

    public sealed record DeferNote(string Text, bool Stashing);

    public sealed record Get;

    public sealed record Boom(string Reason);

    public sealed record TakeSnapshot;

    public sealed record SnapshotUnregistered;

    public sealed record DeleteUpTo(long SequenceNr);

    public sealed record DeleteSnapshotsUpTo(long SequenceNr);

    public sealed record Applied(int Value, long SequenceNr);

    public sealed record Values(int[] Items, long LastSequenceNr);

    public sealed record Recovered(int[] Values, long LastSequenceNr, long SnapshotSequenceNr);

    public sealed record SnapshotOffered(int[] Values, long SequenceNr);

    public sealed record Rejected(object Event, long SequenceNr, Exception Cause);
}
