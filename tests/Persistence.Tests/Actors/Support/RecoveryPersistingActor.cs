using CodeSight.Actors;
using CodeSight.Persistence.Actors;

namespace CodeSight.Persistence.Tests.Actors.Support;

/// <summary>
/// Persists from its recovery handler: on a replayed event (which is refused) or on <see cref="RecoveryCompleted"/>
/// (which is allowed); tells the observer what its handlers saw.
/// </summary>
public sealed class RecoveryPersistingActor(string persistenceId, IActorRef observer, bool onReplayedEvent) : PersistentActor
{
    public override string PersistenceId => persistenceId;

    protected override bool ReceiveRecover(object message)
    {
        if (message is Added && onReplayedEvent) Persist(new Noted("during replay"), _ => { });
        if (message is RecoveryCompleted && !onReplayedEvent)
        {
            Persist(new Noted("after recovery"), n => observer.Tell(n, Self));
        }

        return true;
    }

    protected override bool ReceiveCommand(object message)
    {
        Sender.Tell(message, Self);
        return true;
    }
}
