using CodeSight.Actors;
using CodeSight.Contracts.Records;
using CodeSight.Engine.Sinks;
using CodeSight.Engine.Tests.Sinks.Support;
using CodeSight.TestKit;

namespace CodeSight.Engine.Tests.Sinks;

public sealed class StreamSinkTests : CodeSight.TestKit.TestKit
{
    [Fact]
    public async Task WritesOneNdjsonCloseRecordPerLine()
    {
        var stream = new MemoryStream();
        var sink = Sys.ActorOf(StreamSink.Props(stream));
        await sink.Ask<SinkFlushed>(FlushSink.Instance);
        var probes = new[] { SomeProbes.Closed("one"), SomeProbes.Closed("two\u2029") };
        foreach (var probe in probes) Sys.EventStream.Publish(SomeProbes.Close(probe));
        await sink.Ask<SinkFlushed>(FlushSink.Instance);

        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.EndsWith("\n", text);
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(probes.Select(TraceRecord.FromProbe), lines.Select(TraceRecordCodec.Deserialize));
        Assert.Contains("two\\u2029", text);
    }

    [Fact]
    public async Task DisposesTheStreamOnStopOnlyWhenAskedTo()
    {
        var owned = new MemoryStream();
        var borrowed = new MemoryStream();
        var ownedSink = Sys.ActorOf(StreamSink.Props(owned, leaveOpen: false));
        var borrowedSink = Sys.ActorOf(StreamSink.Props(borrowed));
        await ownedSink.Ask<SinkFlushed>(FlushSink.Instance);
        await borrowedSink.Ask<SinkFlushed>(FlushSink.Instance);

        Assert.True(await ownedSink.GracefulStop(TimeSpan.FromSeconds(5)));
        Assert.True(await borrowedSink.GracefulStop(TimeSpan.FromSeconds(5)));

        Assert.False(owned.CanWrite);
        Assert.True(borrowed.CanWrite);
    }

    [Fact]
    public void ConsoleAndStreamSinksRunOnTheBlockingIoDispatcherWithTheSinksBoundedMailbox()
    {
        foreach (var props in new[] { StreamSink.Props(new MemoryStream()), ConsoleSink.Props(new StringWriter()) })
        {
            Assert.Equal(ActorSystemSettings.BlockingIoDispatcherId, props.Dispatcher);
            Assert.Equal(SinkSettings.MailboxId, props.Mailbox);
        }
    }

    [Fact]
    public void RejectsAStreamThatCannotBeWritten()
    {
        var readOnly = new MemoryStream(new byte[4], writable: false);
        var error = Assert.Throws<ArgumentException>(() => StreamSink.Props(readOnly));
        Assert.Contains("not writable", error.Message);
    }
}
