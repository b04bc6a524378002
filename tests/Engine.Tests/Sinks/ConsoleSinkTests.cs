using CodeSight.Actors;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Sinks;
using CodeSight.Engine.Tests.Sinks.Support;
using CodeSight.TestKit;

namespace CodeSight.Engine.Tests.Sinks;

public sealed class ConsoleSinkTests : CodeSight.TestKit.TestKit
{
    [Fact]
    public void FormatsStatusKindNameDurationShortIdsAndAttributes()
    {
        var probe = SomeProbes.Closed("search", new Dictionary<string, object?> { ["query"] = "rust", ["hits"] = 3L, ["exact"] = true }, durationMicros: 12_345);
        var line = ConsoleSink.Format(probe);
        Assert.Equal(
            $"ok       tool    search  12.345 ms  trail {probe.TrailId.ToString()[..8]} probe {probe.Id.ToString()[..8]}  {{exact=true, hits=3, query=\"rust\"}}",
            line);
    }

    [Fact]
    public void EndsTheLineWithTheFaultMessageOnOneLine()
    {
        var probe = SomeProbes.Closed("fetch", fault: new ProbeFault("timed out\nafter 3 tries"), durationMicros: 1_500);
        var line = ConsoleSink.Format(probe);
        Assert.StartsWith("error    tool    fetch  1.500 ms", line);
        Assert.EndsWith("  ! timed out\\nafter 3 tries", line);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void ShowsSubMillisecondDurationsWithDecimals()
    {
        Assert.Contains(" 0.007 ms ", ConsoleSink.Format(SomeProbes.Closed(durationMicros: 7)));
    }

    [Fact]
    public async Task WritesOneLinePerClosedProbeToTheGivenWriter()
    {
        var output = new StringWriter();
        var sink = Sys.ActorOf(ConsoleSink.Props(output));
        var first = SomeProbes.Closed("first");
        var second = SomeProbes.Closed("second");
        // Subscription happens in PreStart; a flush round trip proves the sink is running before publishing.
        await sink.Ask<SinkFlushed>(FlushSink.Instance);
        Sys.EventStream.Publish(SomeProbes.Close(first));
        Sys.EventStream.Publish(new CodeSight.Contracts.Signals.OpenSignal(SomeProbes.Closed("ignored"), 0));
        Sys.EventStream.Publish(SomeProbes.Close(second));
        var flushed = await sink.Ask<SinkFlushed>(FlushSink.Instance);

        Assert.Equal(2, flushed.Written);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([ConsoleSink.Format(first), ConsoleSink.Format(second)], lines);
    }
}
