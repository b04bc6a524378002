using CodeSight.Actors.Tests.Support;
using Xunit;

namespace CodeSight.Actors.Tests.Pattern;

public sealed class AskTests : TestKit.TestKit
{
    private sealed record Question(string Text);

    private sealed class Failing : ReceiveActor
    {
        public Failing() => Receive<string>(s => Sender.Tell(new Status.Failure(new InvalidOperationException("no answer to " + s)), Self));
    }

    private sealed class Silent : ReceiveActor
    {
        public Silent() => ReceiveAny(_ => { });
    }

    [Fact]
    public async Task AskCompletesWithTheReply()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.Equal("ping", await echo.Ask("ping", TimeSpan.FromSeconds(3)));
        Assert.Equal("typed", await echo.Ask<string>("typed", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task AStatusFailureReplyFailsTheTask()
    {
        var actor = Sys.ActorOf(Props.Create<Failing>());
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => actor.Ask("q", TimeSpan.FromSeconds(3)));
        Assert.Equal("no answer to q", e.Message);
    }

    [Fact]
    public async Task AskTimesOutNamingTheTargetAndTheMessageType()
    {
        var actor = Sys.ActorOf(Props.Create<Silent>(), "silent");
        var e = await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask(new Question("?"), TimeSpan.FromMilliseconds(100)));
        Assert.Contains("/user/silent", e.Message);
        Assert.Contains("after 100 ms", e.Message);
        Assert.Contains("no reply to Question", e.Message);
    }

    [Fact]
    public async Task AReplyOfTheWrongTypeIsAClearError()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        var e = await Assert.ThrowsAsync<InvalidCastException>(() => echo.Ask<int>("text", TimeSpan.FromSeconds(3)));
        Assert.Contains("expected a reply of type Int32 but received String", e.Message);
    }

    [Fact]
    public async Task PipeToDeliversTheResult()
    {
        var source = new TaskCompletionSource<int>();
        var piped = source.Task.PipeTo(TestActor, Sys.DeadLetters);
        source.SetResult(42);
        await piped;
        ExpectMsg(42);
    }

    [Fact]
    public async Task PipeToDeliversAFailureAsStatusFailure()
    {
        var source = new TaskCompletionSource<int>();
        var piped = source.Task.PipeTo(TestActor);
        source.SetException(new TimeoutException("too slow"));
        await piped;
        var failure = ExpectMsg<Status.Failure>();
        Assert.Equal("too slow", Assert.IsType<TimeoutException>(failure.Cause).Message);
    }

    [Fact]
    public async Task PipeToMapsSuccessAndFailure()
    {
        await Task.FromResult(2).PipeTo(TestActor, success: n => $"got {n}");
        ExpectMsg("got 2");
        await Task.FromException(new InvalidOperationException("x")).PipeTo(TestActor, failure: e => "failed: " + e.Message);
        ExpectMsg("failed: x");
    }
}
