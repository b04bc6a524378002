using System.Text;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Records;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Tests.Support;
using Xunit;

namespace CodeSight.Persistence.Tests.Ledger;

public sealed class LedgerQueryTests : IDisposable
{
    private readonly TempDatabase _file = new();

    public LedgerQueryTests()
    {
        // Sequences 1..10: observations 0..9 (even ones trail A / planning, odd ones trail B / inference);
        // 11..13: probes 0..2 of trail A; 14: probe 3 of trail B.
        using LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options));
        store.Append(LedgerSamples.Observations(10));
        store.Append([LedgerSamples.Probe(0), LedgerSamples.Probe(1), LedgerSamples.Probe(2), LedgerSamples.Probe(3, LedgerSamples.TrailB)]);
    }

    public void Dispose() => _file.Dispose();

    [Fact]
    public void SelectsByTrail()
    {
        using LedgerReader reader = LedgerReader.Open(_file.Options);

        Assert.Equal(new long[] { 2, 4, 6, 8, 10, 14 }, reader.Query(new LedgerQuery { TrailId = LedgerSamples.TrailB }).Select(e => e.Sequence));
    }

    [Fact]
    public void SelectsByModalityAndKind()
    {
        using LedgerReader reader = LedgerReader.Open(_file.Options);

        Assert.Equal(new long[] { 1, 3, 5, 7, 9 }, reader.Query(new LedgerQuery { Modality = Modality.Planning }).Select(e => e.Sequence));
        Assert.Equal(new long[] { 11, 12, 13, 14 }, reader.Query(new LedgerQuery { Kind = LedgerEntryKinds.Probe }).Select(e => e.Sequence));
    }

    [Fact]
    public void SelectsByTimeRangeAndSequenceRangeWithInclusiveBounds()
    {
        using LedgerReader reader = LedgerReader.Open(_file.Options);

        Assert.Equal(
            new long[] { 3, 4, 5 },
            reader.Query(new LedgerQuery { Kind = LedgerEntryKinds.Observation, FromTimestamp = 3_000_000, ToTimestamp = 5_000_000 }).Select(e => e.Sequence));
        Assert.Equal(new long[] { 9, 10, 11 }, reader.Query(new LedgerQuery { FromSequence = 9, ToSequence = 11 }).Select(e => e.Sequence));
        Assert.Equal(new long[] { 1, 2 }, reader.Query(LedgerQuery.All with { Limit = 2 }).Select(e => e.Sequence));
    }

    [Fact]
    public void ExportsProbesAsCloseRecordsThatReadBackAsTheSameProbes()
    {
        using LedgerReader reader = LedgerReader.Open(_file.Options);
        using var output = new MemoryStream();

        int lines = reader.ExportProbes(new LedgerQuery { TrailId = LedgerSamples.TrailA }, output);

        string[] text = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines);
        Assert.Equal(
            new[] { LedgerSamples.Probe(0), LedgerSamples.Probe(1), LedgerSamples.Probe(2) },
            text.Select(line => TraceRecordCodec.Deserialize(line).ToProbe()));
        Assert.StartsWith("{\"id\":\"00000000000003e8\",\"traceId\":", text[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ExportsObservationsAsLinesThatHashToTheirLeaves()
    {
        using LedgerReader reader = LedgerReader.Open(_file.Options);
        using var output = new MemoryStream();

        int lines = reader.ExportObservations(new LedgerQuery { Modality = Modality.Inference }, output);

        string[] text = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        IReadOnlyList<LedgerEntry> entries = reader.Query(new LedgerQuery { Modality = Modality.Inference });
        Assert.Equal(5, lines);
        Assert.Equal(entries.Select(e => e.LeafHash), text.Select(line => MerkleHash.Leaf(Encoding.UTF8.GetBytes(line))));
    }

    [Fact]
    public void ReplaysATrailBackIntoItsProbes()
    {
        using LedgerReader reader = LedgerReader.Open(_file.Options);

        Assert.Equal(new[] { LedgerSamples.Probe(3, LedgerSamples.TrailB) }, reader.ReplayTrail(LedgerSamples.TrailB));
        Assert.Equal(3, reader.ReplayTrail(LedgerSamples.TrailA).Count);
    }

    [Fact]
    public void ReturnsPrunedEntriesWithTheirHashesButNoPayload()
    {
        _file.Scalar("DELETE FROM journal WHERE sequence_number <= 2; INSERT INTO ledger_retention (id, pruned_through) VALUES (1, 2)");
        using LedgerReader reader = LedgerReader.Open(_file.Options);

        IReadOnlyList<LedgerEntry> entries = reader.Query(new LedgerQuery { ToSequence = 3 });

        Assert.Equal(new[] { true, true, false }, entries.Select(e => e.IsPruned));
        Assert.All(entries, e => Assert.Equal(32, e.LeafHash.Length));
    }
}
