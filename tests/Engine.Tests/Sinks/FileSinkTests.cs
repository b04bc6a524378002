using CodeSight.Actors;
using CodeSight.Actors.Events;
using CodeSight.Contracts.Records;
using CodeSight.Engine.Replay;
using CodeSight.Engine.Sinks;
using CodeSight.Engine.Tests.Sinks.Support;
using CodeSight.TestKit;

namespace CodeSight.Engine.Tests.Sinks;

public sealed class FileSinkTests : CodeSight.TestKit.TestKit, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    void IDisposable.Dispose()
    {
        Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void RunsOnTheBlockingIoDispatcherWithTheSinksBoundedMailbox()
    {
        var props = FileSink.Props(new FileSinkOptions(_folder.File("t.ndjson")));
        Assert.Equal(ActorSystemSettings.BlockingIoDispatcherId, props.Dispatcher);
        Assert.Equal(SinkSettings.MailboxId, props.Mailbox);
    }

    [Fact]
    public async Task WritesCloseRecordsThatReplayToEqualProbes()
    {
        var path = _folder.File("trace.ndjson");
        var sink = await StartAsync(new FileSinkOptions(path) { Flush = FlushPolicy.EveryRecord });
        var probes = new[]
        {
            SomeProbes.Closed("plan", new Dictionary<string, object?> { ["steps"] = 3L, ["ratio"] = 0.5, ["note"] = "line\u2028break" }),
            SomeProbes.Closed("act", fault: new CodeSight.Contracts.Probes.ProbeFault("boom", "System.InvalidOperationException")),
        };
        foreach (var probe in probes) Sys.EventStream.Publish(SomeProbes.Close(probe));
        Sys.EventStream.Publish(new CodeSight.Contracts.Signals.OpenSignal(SomeProbes.Closed("open"), 0));

        var flushed = await sink.Ask<SinkFlushed>(FlushSink.Instance);

        Assert.Equal(2, flushed.Written);
        var replayed = await TraceReplay.ReplayProbes(ReplaySource.FromFile(path), new ReplayOptions { Strict = true });
        Assert.Equal(probes, replayed.Values);
        Assert.DoesNotContain('\u2028', await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task FlushesOnStopEvenWhenThePolicyNeverFlushes()
    {
        var path = _folder.File("trace.ndjson");
        var counters = new SinkCounters();
        var sink = await StartAsync(new FileSinkOptions(path) { Flush = FlushPolicy.OnStopOnly }, counters);
        Sys.EventStream.Publish(SomeProbes.Close("kept"));
        AwaitCondition(() => counters.Written == 1);
        Assert.Equal(0, new FileInfo(path).Length);

        Assert.True(await sink.GracefulStop(TimeSpan.FromSeconds(5)));

        Assert.Equal(["kept"], Names(path));
    }

    [Fact]
    public async Task FlushesAfterEveryNRecords()
    {
        var path = _folder.File("trace.ndjson");
        var counters = new SinkCounters();
        await StartAsync(new FileSinkOptions(path) { Flush = FlushPolicy.Every(2) }, counters);
        foreach (var name in new[] { "a", "b", "c" }) Sys.EventStream.Publish(SomeProbes.Close(name));
        AwaitCondition(() => counters.Written == 3);

        // The third record waits in the file's buffer for the next count or the stop.
        Assert.Equal(["a", "b"], Names(path));
    }

    [Fact]
    public async Task FlushesOnTheIntervalWhileRecordsArePending()
    {
        var path = _folder.File("trace.ndjson");
        await StartAsync(new FileSinkOptions(path) { Flush = FlushPolicy.Periodic(TimeSpan.FromMilliseconds(50)) });
        Sys.EventStream.Publish(SomeProbes.Close("timed"));

        AwaitAssert(() => Assert.Equal(["timed"], Names(path)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RotatesBySizeWhileRunning()
    {
        var path = _folder.File("trace.ndjson");
        var sink = await StartAsync(new FileSinkOptions(path) { MaxBytes = 100, Keep = 2, Flush = FlushPolicy.EveryRecord });
        foreach (var name in new[] { "a", "b", "c" }) Sys.EventStream.Publish(SomeProbes.Close(name));
        await sink.Ask<SinkFlushed>(FlushSink.Instance);

        Assert.Equal(["c"], Names(path));
        Assert.Equal(["b"], Names(_folder.File("trace.1.ndjson")));
        Assert.False(File.Exists(_folder.File("trace.2.ndjson")));
    }

    [Fact]
    public async Task ReportsAnUnwritablePathOnceAndCountsEveryLostRecord()
    {
        File.WriteAllText(_folder.File("blocker"), "a file, not a folder");
        var path = Path.Combine(_folder.File("blocker"), "trace.ndjson");
        var logs = CreateTestProbe();
        Sys.EventStream.Subscribe(logs.Ref, typeof(LogEvent));
        var counters = new SinkCounters();
        var sink = await StartAsync(new FileSinkOptions(path) { Flush = FlushPolicy.EveryRecord }, counters);

        Sys.EventStream.Publish(SomeProbes.Close("lost-1"));
        Sys.EventStream.Publish(SomeProbes.Close("lost-2"));
        await sink.Ask<SinkFlushed>(FlushSink.Instance);

        var error = logs.FishForMessage<LogEvent>(e => e.Level == LogLevel.Error);
        Assert.Contains(path, error.Message);
        Assert.Equal(sink.Path.ToString(), error.Source);
        Assert.Equal(2, counters.Errors);
        Assert.Equal(0, counters.Written);
        logs.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        var report = await SinkHealth.Of(Sys).Ask<SinkStatsReport>(GetSinkStats.Instance);
        var stats = report.For(sink.Path.ToString());
        Assert.Equal(new SinkStats(sink.Path.ToString(), "file", 0, 0, 2, stats.LastError), stats);
        Assert.StartsWith("failed to write: ", stats.LastError);
        Assert.Contains(path, stats.LastError);
    }

    [Fact]
    public async Task RecoversWithoutARestartOnceThePathBecomesWritable()
    {
        var blocker = _folder.File("later");
        File.WriteAllText(blocker, "a file where the folder should be");
        var path = Path.Combine(blocker, "trace.ndjson");
        var logs = CreateTestProbe();
        Sys.EventStream.Subscribe(logs.Ref, typeof(LogEvent));
        var counters = new SinkCounters();
        var sink = await StartAsync(new FileSinkOptions(path) { Flush = FlushPolicy.EveryRecord }, counters);
        Sys.EventStream.Publish(SomeProbes.Close("lost"));
        await sink.Ask<SinkFlushed>(FlushSink.Instance);
        logs.FishForMessage<LogEvent>(e => e.Level == LogLevel.Error);

        File.Delete(blocker);
        Sys.EventStream.Publish(SomeProbes.Close("saved"));
        await sink.Ask<SinkFlushed>(FlushSink.Instance);

        Assert.Contains("recovered", logs.FishForMessage<LogEvent>(e => e.Level == LogLevel.Info).Message);
        Assert.Equal((1, 1), (counters.Written, counters.Errors));
        Assert.Equal(["saved"], Names(path));
    }

    private async Task<IActorRef> StartAsync(FileSinkOptions options, SinkCounters? counters = null)
    {
        var sink = Sys.ActorOf(FileSink.Props(options, counters));
        // The sink subscribes in PreStart, which runs before it handles its first message.
        await sink.Ask<SinkFlushed>(FlushSink.Instance);
        return sink;
    }

    private static List<string> Names(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var names = new List<string>();
        while (reader.ReadLine() is { } line) names.Add(TraceRecordCodec.Deserialize(line).Name);
        return names;
    }
}
