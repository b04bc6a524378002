using CodeSight.Actors.Events;
using Xunit;

namespace CodeSight.Actors.Tests.Actor;

public sealed class ReceiveActorTests : TestKit.TestKit
{
    private interface IShape;

    private sealed record Circle(double Radius) : IShape;

    private sealed record Square(double Side) : IShape;

    private sealed class Classifier : ReceiveActor
    {
        public Classifier()
        {
            Receive<int>(n => n < 0, n => Sender.Tell($"negative {n}", Self));
            Receive<int>(n => Sender.Tell($"int {n}", Self));
            Receive<Circle>(c => Sender.Tell("circle", Self));
            Receive<IShape>(s => Sender.Tell("other shape", Self));
            Receive<string>(s => s.StartsWith('!'), s => Sender.Tell("bang", Self));
        }
    }

    private sealed class CatchAll : ReceiveActor
    {
        public CatchAll()
        {
            Receive<string>(s => Sender.Tell("string", Self));
            ReceiveAny(m => Sender.Tell("any " + m.GetType().Name, Self));
        }
    }

    private sealed class Introspective : ReceiveActor
    {
        public Introspective()
        {
            Receive<string>(_ => Sender.Tell((Self, Sender, Context.Self, Context.Parent, Context.Sender), Self));
        }
    }

    private sealed class Toggle : ReceiveActor
    {
        public Toggle()
        {
            Receive<string>(s => s == "push", _ => BecomeStacked(Angry));
            Receive<string>(s => s == "replace", _ => Become(Angry));
            Receive<string>(s => Sender.Tell("calm " + s, Self));
        }

        private void Angry()
        {
            Receive<string>(s => s == "push", _ => BecomeStacked(Angrier));
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            Receive<string>(s => Sender.Tell("angry " + s, Self));
        }

        private void Angrier()
        {
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            Receive<string>(s => Sender.Tell("angrier " + s, Self));
        }
    }

    private sealed class LateRegistration : ReceiveActor
    {
        public LateRegistration() => Receive<string>(_ =>
        {
            try
            {
                Receive<int>(_ => { });
            }
            catch (InvalidOperationException e)
            {
                Sender.Tell(e.Message, Self);
            }
        });
    }

    [Fact]
    public void HandlersAreTriedInRegistrationOrderWithPredicates()
    {
        var actor = Sys.ActorOf(Props.Create<Classifier>());
        actor.Tell(-3, TestActor);
        ExpectMsg("negative -3");
        actor.Tell(4, TestActor);
        ExpectMsg("int 4");
    }

    [Fact]
    public void HandlersMatchSubclassesAndInterfaces()
    {
        var actor = Sys.ActorOf(Props.Create<Classifier>());
        actor.Tell(new Circle(1), TestActor);
        ExpectMsg("circle");
        actor.Tell(new Square(2), TestActor);
        ExpectMsg("other shape");
    }

    [Fact]
    public void AMessageNoHandlerTakesIsPublishedAsUnhandled()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create<Classifier>());
        actor.Tell("no bang", TestActor);
        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal("no bang", unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
        Assert.Equal(TestActor.Ref, unhandled.Sender);
        Assert.Equal(1, Sys.Counters.Unhandled);
    }

    [Fact]
    public void ReceiveAnyTakesWhatEarlierHandlersLeft()
    {
        var actor = Sys.ActorOf(Props.Create<CatchAll>());
        actor.Tell("s", TestActor);
        ExpectMsg("string");
        actor.Tell(2.5, TestActor);
        ExpectMsg("any Double");
    }

    [Fact]
    public void SelfSenderAndContextAreThoseOfTheCurrentMessage()
    {
        var actor = Sys.ActorOf(Props.Create<Introspective>(), "intro");
        var other = CreateTestProbe();
        actor.Tell("who", TestActor);
        var (self, sender, contextSelf, parent, contextSender) = ExpectMsg<(IActorRef, IActorRef, IActorRef, IActorRef, IActorRef)>();
        Assert.Equal(actor, self);
        Assert.Equal(actor, contextSelf);
        Assert.Equal(TestActor.Ref, sender);
        Assert.Equal(TestActor.Ref, contextSender);
        Assert.Equal("/user", parent.Path.ToStringWithoutAddress());
        actor.Tell("who", other.Ref);
        Assert.Equal(other.Ref, other.ExpectMsg<(IActorRef, IActorRef Sender, IActorRef, IActorRef, IActorRef)>().Sender);
    }

    [Fact]
    public void SenderIsDeadLettersWhenThereIsNone()
    {
        var actor = Sys.ActorOf(Props.Create<Introspective>());
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(DeadLetter));
        actor.Tell("who", null);
        var letter = ExpectMsg<DeadLetter>();
        Assert.Equal(Sys.DeadLetters, letter.Recipient);
    }

    [Fact]
    public void BecomeStackedAndUnbecomeReturnToThePreviousBehaviour()
    {
        var actor = Sys.ActorOf(Props.Create<Toggle>());
        actor.Tell("a", TestActor);
        ExpectMsg("calm a");
        actor.Tell("push", TestActor);
        actor.Tell("b", TestActor);
        ExpectMsg("angry b");
        actor.Tell("push", TestActor);
        actor.Tell("c", TestActor);
        ExpectMsg("angrier c");
        actor.Tell("pop", TestActor);
        actor.Tell("d", TestActor);
        ExpectMsg("angry d");
        actor.Tell("pop", TestActor);
        actor.Tell("e", TestActor);
        ExpectMsg("calm e");
    }

    [Fact]
    public void BecomeReplacesTheBehaviourSoUnbecomeGoesBackToTheInitialOne()
    {
        var actor = Sys.ActorOf(Props.Create<Toggle>());
        actor.Tell("replace", TestActor);
        actor.Tell("x", TestActor);
        ExpectMsg("angry x");
        actor.Tell("pop", TestActor);
        actor.Tell("y", TestActor);
        ExpectMsg("calm y");
    }

    [Fact]
    public void HandlersCannotBeRegisteredOutsideTheConstructor()
    {
        var actor = Sys.ActorOf(Props.Create<LateRegistration>());
        actor.Tell("go", TestActor);
        ExpectMsg<string>(m => Assert.Contains("only be registered in the constructor", m));
    }
}
