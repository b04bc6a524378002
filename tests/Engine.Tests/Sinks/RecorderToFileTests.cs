using CodeSight.Actors;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Clock;
using CodeSight.Engine.Replay;
using CodeSight.Engine.Sinks;
using CodeSight.Engine.Tests.Sinks.Support;

namespace CodeSight.Engine.Tests.Sinks;

public sealed class RecorderToFileTests : CodeSight.TestKit.TestKit, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    void IDisposable.Dispose()
    {
        Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task TrailsRecordedThroughTheEngineReplayFromTheFileAsTheProbesTheyCompletedWith()
    {
        var clock = new ManualClock(1_700_000_000_000_000);
        var engine = CodeSightEngine.Start(Sys, new EngineOptions { Clock = clock });
        var path = _folder.File("agent.ndjson");
        var file = Sys.ActorOf(FileSink.Props(new FileSinkOptions(path) { Flush = FlushPolicy.OnStopOnly }));
        await file.Ask<SinkFlushed>(FlushSink.Instance);
        var completions = CreateTestProbe();
        Sys.EventStream.Subscribe(completions.Ref, typeof(TrailCompleted));

        using (var turn = engine.Recorder.OpenTrail("turn", ProbeKind.Turn, new Dictionary<string, object?> { ["user"] = "ada" }))
        {
            clock.Advance(TimeSpan.FromMilliseconds(3));
            using (var tool = turn.Child(ProbeKind.Tool, "search"))
            {
                tool.Note("query", "line\u2028separator");
                tool.Note("api_key", "sk-live-0123456789abcdef0123456789");
                clock.Advance(1_234);
            }

            var model = turn.Child(ProbeKind.Model, "recall");
            model.Fail(new InvalidOperationException("context too long"));
            model.Close();
        }

        var completed = completions.ExpectMsg<TrailCompleted>();
        Assert.True(await file.GracefulStop(TimeSpan.FromSeconds(5)));

        var replayed = await TraceReplay.ReplayProbes(ReplaySource.FromFile(path), new ReplayOptions { Strict = true });
        Assert.Equal(completed.Probes.OrderBy(p => p.Id), replayed.Values.OrderBy(p => p.Id));
        // What reached the file is what the engine published: the secret was scrubbed on input.
        Assert.DoesNotContain("sk-live", await File.ReadAllTextAsync(path));
    }
}
