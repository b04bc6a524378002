using CodeSight.Actors.Events;
using CodeSight.Actors.Tests.Support;
using Xunit;

namespace CodeSight.Actors.Tests.Actor;

public sealed class ActorOfTests : TestKit.TestKit
{
    private sealed class Parent : ReceiveActor
    {
        public Parent()
        {
            Receive<string>(name => Sender.Tell(Context.ActorOf(Props.Create<EchoActor>(), name), Self));
            Receive<int>(_ => Sender.Tell(Context.ActorOf(Props.Create<EchoActor>()), Self));
        }
    }

    private sealed class Counting : ReceiveActor
    {
        public static int Created;

        public Counting()
        {
            Interlocked.Increment(ref Created);
            Receive<string>(s => throw new InvalidOperationException(s));
        }
    }

    [Fact]
    public void TopLevelActorsLiveUnderUser()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        Assert.Equal("/user/echo", echo.Path.ToStringWithoutAddress());
        Assert.Equal($"codesight://{Sys.Name}/user/echo", echo.Path.ToString());
        echo.Tell("hi", TestActor);
        ExpectMsg("hi");
    }

    [Fact]
    public void SystemActorsLiveUnderSystem()
    {
        var service = Sys.SystemActorOf(Props.Create<EchoActor>(), "service");
        Assert.Equal("/system/service", service.Path.ToStringWithoutAddress());
    }

    [Fact]
    public void ChildrenLiveUnderTheirParent()
    {
        var parent = Sys.ActorOf(Props.Create<Parent>(), "parent");
        parent.Tell("kid", TestActor);
        var child = ExpectMsg<IActorRef>();
        Assert.Equal("/user/parent/kid", child.Path.ToStringWithoutAddress());
        Assert.Equal(new[] { "user", "parent", "kid" }, child.Path.Elements);
        Assert.Equal(3, child.Path.Depth);
    }

    [Fact]
    public void GeneratedNamesStartWithDollarAndAreDistinct()
    {
        var a = Sys.ActorOf(Props.Create<EchoActor>());
        var b = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.StartsWith("$", a.Path.Name);
        Assert.NotEqual(a.Path, b.Path);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("$reserved", "names starting with '$' are reserved")]
    [InlineData("with space", "character ' ' at index 4 is not allowed")]
    [InlineData("a/b", "character '/' at index 1 is not allowed")]
    public void InvalidNamesAreRejectedWithTheReason(string name, string reason)
    {
        var e = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), name));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void ValidNamesMayUsePunctuation()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>(), "agent-1_a.b:c@d");
        Assert.Equal("agent-1_a.b:c@d", actor.Path.Name);
    }

    [Fact]
    public void ANameInUseIsRejected()
    {
        Sys.ActorOf(Props.Create<EchoActor>(), "twin");
        var e = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "twin"));
        Assert.Contains("'twin' is not unique", e.Message);
        Assert.Contains("/user", e.Message);
    }

    [Fact]
    public void AChildNameInUseIsRejectedInsideTheParent()
    {
        var parent = Sys.ActorOf(Props.Create<Parent>());
        parent.Tell("kid", TestActor);
        ExpectMsg<IActorRef>();
        // The second ActorOf throws inside the parent, which fails and reports it.
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(LogEvent));
        parent.Tell("kid", TestActor);
        var log = ExpectMsg<LogEvent>();
        Assert.IsType<InvalidActorNameException>(log.Cause);
        Assert.Contains("'kid' is not unique", log.Cause!.Message);
    }

    [Fact]
    public void TheFactoryRunsOncePerActorAndAgainOnRestart()
    {
        var before = Volatile.Read(ref Counting.Created);
        var props = Props.Create(() => new Counting());
        var first = Sys.ActorOf(props);
        Sys.ActorOf(props);
        AwaitCondition(() => Volatile.Read(ref Counting.Created) - before >= 2);
        Assert.Equal(2, Volatile.Read(ref Counting.Created) - before);
        first.Tell("restart", null);
        AwaitCondition(() => Volatile.Read(ref Counting.Created) - before == 3);
    }

    [Fact]
    public void ActorsCannotBeCreatedWithNew()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new EchoActor());
        Assert.Contains("must be created through ActorOf", e.Message);
    }

    [Fact]
    public void PropsKeepTheirDeploymentChoices()
    {
        var props = Props.Create<EchoActor>().WithDispatcher("d").WithMailbox("m");
        Assert.Equal("d", props.Dispatcher);
        Assert.Equal("m", props.Mailbox);
        Assert.Null(Props.Create<EchoActor>().Dispatcher);
    }

    [Fact]
    public void AFactoryReturningNullFailsCreation()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(LogEvent));
        var actor = Sys.ActorOf(Props.Create<EchoActor>(() => null!));
        var log = ExpectMsg<LogEvent>();
        Assert.IsType<ActorInitializationException>(log.Cause);
        Assert.Contains("factory returned null", log.Cause!.InnerException!.Message);
        Watch(actor);
        ExpectTerminated(actor);
    }
}
