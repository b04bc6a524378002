using System.Buffers;
using System.Text;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Records;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Replay;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Replay;

public sealed class TraceReplayTests
{
    private static string Ndjson(params Probe[] probes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var probe in probes)
        {
            TraceRecordCodec.WriteLine(buffer, probe);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static ReplaySource Source(string text, params int[] chunkSizes) =>
        ReplaySource.FromChunks(Chunks.Bytes(Encoding.UTF8.GetBytes(text), chunkSizes));

    private static async Task<List<T>> ToList<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    [Fact]
    public async Task GivesACloseSignalAtTheEndOfAClosedProbeAndAnOpenSignalOtherwise()
    {
        var trail = TrailId.New();
        var root = Some.Probe(trail, startedAt: 10, endedAt: 90);
        var open = Some.Probe(trail, root.Id, ProbeStatus.Open, startedAt: 20);

        var signals = await ToList(TraceReplay.ReplaySignals(Source(Ndjson(root, open))));

        var close = Assert.IsType<CloseSignal>(signals[0]);
        Assert.Equal(90, close.At);
        Assert.Equal(root, close.Probe);
        var opened = Assert.IsType<OpenSignal>(signals[1]);
        Assert.Equal(20, opened.At);
        Assert.Equal(SignalPhase.Open, opened.Phase);
    }

    [Fact]
    public async Task SplitsOnCrLfAndSkipsBlankLines()
    {
        var trail = TrailId.New();
        var text = Ndjson(Some.Probe(trail, name: "one")).Replace("\n", "\r\n") + "\r\n   \n" + Ndjson(Some.Probe(trail, name: "two"));
        var diagnostics = new ReplayDiagnostics();

        var records = await ToList(TraceReplay.ReadRecords(Source(text, 7), new ReplayOptions { Diagnostics = diagnostics }));

        Assert.Equal(["one", "two"], records.Select(r => r.Name));
        Assert.Equal(0, diagnostics.SkippedCount);
        Assert.Equal(4, diagnostics.LinesRead);
        Assert.Equal(2, diagnostics.RecordsRead);
    }

    [Fact]
    public async Task ReadsALastLineWithoutANewline()
    {
        var text = Ndjson(Some.Probe(TrailId.New(), name: "last")).TrimEnd('\n');

        var records = await ToList(TraceReplay.ReadRecords(Source(text, 5)));

        Assert.Equal("last", Assert.Single(records).Name);
    }

    [Fact]
    public async Task DecodesMultiByteCharsSplitAcrossByteChunks()
    {
        var name = "é☕🚀\u2028ü";
        var text = Ndjson(Some.Probe(TrailId.New(), name: name)).Replace("\\u2028", "\u2028");

        var records = await ToList(TraceReplay.ReadRecords(Source(text, 1, 2, 3)));

        Assert.Equal(name, Assert.Single(records).Name);
    }

    [Fact]
    public async Task JoinsASurrogatePairSplitAcrossTextChunks()
    {
        var text = Ndjson(Some.Probe(TrailId.New(), name: "go 🚀 now")).Replace("\\uD83D\\uDE80", "🚀");
        var cut = text.IndexOf("🚀", StringComparison.Ordinal) + 1; // between the two halves of the pair
        Assert.True(cut > 0 && char.IsHighSurrogate(text[cut - 1]));
        var source = ReplaySource.FromText(Chunks.Text([text[..cut], text[cut..]]));

        var records = await ToList(TraceReplay.ReadRecords(source));

        Assert.Equal("go 🚀 now", Assert.Single(records).Name);
    }

    [Fact]
    public async Task SkipsAndCountsMalformedLinesWithTheirNumbersAndReasons()
    {
        var trail = TrailId.New();
        var good = Ndjson(Some.Probe(trail, name: "good"));
        var text = good + "not json\n" + good.Replace("\"status\":\"ok\"", "\"status\":\"done\"") + good;
        var diagnostics = new ReplayDiagnostics();

        var records = await ToList(TraceReplay.ReadRecords(Source(text, 16), new ReplayOptions { Diagnostics = diagnostics }));

        Assert.Equal(2, records.Count);
        Assert.Equal(2, diagnostics.SkippedCount);
        Assert.Equal(2, diagnostics.Issues[0].LineNumber);
        Assert.Equal("(json)", diagnostics.Issues[0].Field);
        Assert.Equal(3, diagnostics.Issues[1].LineNumber);
        Assert.Equal("status", diagnostics.Issues[1].Field);
        Assert.Contains("\"done\"", diagnostics.Issues[1].Reason);
    }

    [Fact]
    public async Task StrictModeThrowsNamingTheLineAndField()
    {
        var good = Ndjson(Some.Probe(TrailId.New()));
        var text = good + good + good.Replace("\"traceId\":\"", "\"traceId\":\"zz");

        var error = await Assert.ThrowsAsync<ReplayFormatException>(
            () => ToList(TraceReplay.ReadRecords(Source(text, 33), new ReplayOptions { Strict = true })));

        Assert.Equal(3, error.LineNumber);
        Assert.Equal("traceId", error.Field);
        Assert.StartsWith("Line 3, field 'traceId'", error.Message);
    }

    [Fact]
    public async Task KeepsTheLastRecordForEachProbe()
    {
        var trail = TrailId.New();
        var first = Some.Probe(trail, status: ProbeStatus.Open);
        var last = first with { Status = ProbeStatus.Ok, EndedAt = 5_000 };

        var probes = await TraceReplay.ReplayProbes(Source(Ndjson(first, last)));

        Assert.Equal(last, Assert.Single(probes).Value);
    }

    [Fact]
    public async Task RebuildsACompleteTrailWithItsTree()
    {
        var trail = TrailId.New();
        var root = Some.Probe(trail, name: "root");
        var child = Some.Probe(trail, root.Id, name: "child");
        var grandchild = Some.Probe(trail, child.Id, name: "grandchild");
        var sibling = Some.Probe(trail, root.Id, name: "sibling");

        var trails = await TraceReplay.ReplayTrails(Source(Ndjson(grandchild, child, root, sibling)));

        var replayed = Assert.Single(trails);
        Assert.True(replayed.IsComplete);
        Assert.Equal(root, replayed.Root);
        Assert.Equal([child.Id, sibling.Id], replayed.Children[root.Id]);
        Assert.Equal([grandchild.Id], replayed.Children[child.Id]);
        Assert.Equal(4, replayed.Probes.Count);
    }

    [Fact]
    public async Task FlagsATrailWithAnOpenProbeAsIncomplete()
    {
        var trail = TrailId.New();
        var root = Some.Probe(trail);

        var trails = await TraceReplay.ReplayTrails(Source(Ndjson(root, Some.Probe(trail, root.Id, ProbeStatus.Open))));

        Assert.False(Assert.Single(trails).IsComplete);
    }

    [Fact]
    public async Task FlagsATrailWithAMissingParentAsIncomplete()
    {
        var trail = TrailId.New();
        var root = Some.Probe(trail);

        var trails = await TraceReplay.ReplayTrails(Source(Ndjson(root, Some.Probe(trail, ProbeId.New()))));

        Assert.False(Assert.Single(trails).IsComplete);
    }

    [Fact]
    public async Task FlagsATrailWithoutARootAsIncomplete()
    {
        var trail = TrailId.New();
        var parent = Some.Probe(trail, ProbeId.New());

        var trails = await TraceReplay.ReplayTrails(Source(Ndjson(parent, Some.Probe(trail, parent.Id))));

        var replayed = Assert.Single(trails);
        Assert.Null(replayed.Root);
        Assert.False(replayed.IsComplete);
    }

    [Fact]
    public async Task SeparatesTrailsInFirstSeenOrder()
    {
        var first = TrailId.New();
        var second = TrailId.New();

        var trails = await TraceReplay.ReplayTrails(Source(Ndjson(Some.Probe(second), Some.Probe(first), Some.Probe(second, ProbeId.New()))));

        Assert.Equal([second, first], trails.Select(t => t.TrailId));
    }

    [Fact]
    public async Task ReadsAFileWithAByteOrderMark()
    {
        var path = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.ndjson");
        var probe = Some.Probe(TrailId.New(), name: "from file");
        await File.WriteAllTextAsync(path, Ndjson(probe), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            var probes = await TraceReplay.ReplayProbes(ReplaySource.FromFile(path));

            Assert.Equal(probe, Assert.Single(probes).Value);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ReadsAStreamAndLeavesItOpenByDefault()
    {
        var probe = Some.Probe(TrailId.New(), name: "from stream");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Ndjson(probe)));

        var probes = await TraceReplay.ReplayProbes(ReplaySource.FromStream(stream));

        Assert.Equal(probe, Assert.Single(probes).Value);
        Assert.True(stream.CanRead);
    }
}
