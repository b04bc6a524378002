using CodeSight.Actors;
using CodeSight.Actors.Events;
using CodeSight.Persistence.Actors;
using CodeSight.Persistence.Tests.Actors.Support;
using Xunit;

namespace CodeSight.Persistence.Tests.Actors;

public sealed class ReceivePersistentActorTests : PersistenceTestKit
{
    private IActorRef StartTally(string persistenceId)
    {
        _ = Persistence;
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Tally(persistenceId, TestActor)));
        ExpectMsg<RecoveryCompleted>();
        return actor;
    }

    [Fact]
    public void TypedHandlersPersistAndRecover()
    {
        IActorRef first = StartTally("tally");
        first.Tell(new Added(2), TestActor);
        first.Tell(new Added(3), TestActor);
        ExpectMsg(2);
        ExpectMsg(5);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        IActorRef second = StartTally("tally");
        second.Tell("total", TestActor);

        ExpectMsg(5);
    }

    [Fact]
    public void BecomeSwapsTheCommandHandlers()
    {
        IActorRef actor = StartTally("tally");

        actor.Tell("freeze", TestActor);
        actor.Tell(new Added(1), TestActor);
        actor.Tell("total", TestActor);

        ExpectMsg("frozen: Added");
        ExpectMsg(0);
    }

    [Fact]
    public void ACommandNoHandlerTakesIsPublishedAsUnhandled()
    {
        IActorRef actor = StartTally("tally");
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));

        actor.Tell(42, TestActor);

        Assert.Equal(42, ExpectMsg<UnhandledMessage>().Message);
    }

    [Fact]
    public void HandlersCannotBeRegisteredAfterTheConstructor()
    {
        IActorRef actor = StartTally("tally");

        actor.Tell("register late", TestActor);

        Assert.Contains("only be registered in the constructor", ExpectMsg<string>());
    }

    private sealed class Tally : ReceivePersistentActor
    {
        private int _total;

        public Tally(string persistenceId, IActorRef observer)
        {
            PersistenceId = persistenceId;
            Recover<Added>(a => _total += a.Value);
            Recover<RecoveryCompleted>(c => observer.Tell(c, Self));
            Command<Added>(a => Persist(a, e =>
            {
                _total += e.Value;
                Sender.Tell(_total, Self);
            }));
            Command<string>(s => s == "total", _ => Sender.Tell(_total, Self));
            Command<string>(s => s == "freeze", _ => Become(() =>
            {
                Command<Added>(a => Sender.Tell($"frozen: {a.GetType().Name}", Self));
                Command<string>(s => s == "total", _ => Sender.Tell(_total, Self));
            }));
            Command<string>(s => s == "register late", _ =>
            {
                try
                {
                    Recover<int>(_ => { });
                }
                catch (InvalidOperationException e)
                {
                    Sender.Tell(e.Message, Self);
                }
            });
        }

        public override string PersistenceId { get; }
    }
}
