using CodeSight.Actors;
using CodeSight.Engine.Sinks;
using CodeSight.Engine.Tests.Sinks.Support;

namespace CodeSight.Engine.Tests.Sinks;

/// <summary>
/// <see cref="SinkActor.Start"/> returns only once the sink is subscribed: a close published right after it returns is
/// written. A sink started with plain <c>ActorOf</c> subscribes when it starts on a pool thread, a moment later.
/// </summary>
public sealed class SinkStartTests : CodeSight.TestKit.TestKit
{
    [Fact]
    public async Task ACloseRightAfterStartReturnsIsWritten()
    {
        // Repeated: with ActorOf alone, some of these closes would be published before the sink subscribed.
        for (var i = 0; i < 100; i++)
        {
            var stream = new MemoryStream();
            var sink = SinkActor.Start(Sys, StreamSink.Props(stream));
            Sys.EventStream.Publish(SomeProbes.Close("right after " + i));
            await sink.Ask<SinkFlushed>(FlushSink.Instance);

            var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
            Assert.Contains($"\"name\":\"right after {i}\"", text);
            Assert.True(await sink.GracefulStop(TimeSpan.FromSeconds(5)));
        }
    }

    [Fact]
    public void StartGivesTheNameItWasAsked()
    {
        var sink = SinkActor.Start(Sys, StreamSink.Props(new MemoryStream()), "named-stream");
        Assert.Equal("/user/named-stream", sink.Path.ToStringWithoutAddress());
    }

    [Fact]
    public void AnActorThatNeverAnswersAFlushIsNamedInTheErrorAndStopped()
    {
        var error = Assert.Throws<AskTimeoutException>(() =>
            SinkActor.Start(Sys, Props.Create(static () => new Silent()), "not-a-sink", TimeSpan.FromMilliseconds(200)));

        Assert.Contains("/user/not-a-sink", error.Message);
        Assert.Contains("did not start within 200 ms", error.Message);
        Assert.Contains("FlushSink", error.Message);
        // Stopped: its name is free again once it has terminated.
        AwaitAssert(() => Sys.ActorOf(Props.Create(static () => new Silent()), "not-a-sink"));
    }

    private sealed class Silent : UntypedActor
    {
        protected override void OnReceive(object message)
        {
        }
    }
}
