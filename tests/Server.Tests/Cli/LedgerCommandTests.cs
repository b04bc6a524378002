using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;
using System.Text.Json;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Sqlite;
using CodeSight.Server.Cli;
using Microsoft.Data.Sqlite;

namespace CodeSight.Server.Tests.Cli;

public sealed class LedgerCommandTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"codesight-ledger-cli-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
    }

    [Fact]
    public void VerifyExitsWithZeroForAnIntactLedger()
    {
        WriteEntries(5);
        var output = new StringWriter();
        Assert.Equal(Program.Ok, LedgerCommand.Verify(_path, output));
        Assert.Contains("ledger verifies: 5 entries", output.ToString());
    }

    [Fact]
    public void VerifyExitsWithOneAndNamesTheFirstAlteredEntry()
    {
        WriteEntries(5);
        using (var connection = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            connection.Open();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE journal SET payload = CAST(replace(CAST(payload AS TEXT), 'entry 2', 'entry X') AS BLOB) " +
                                 "WHERE persistence_id = 'ledger' AND sequence_number = 3";
            Assert.Equal(1, tamper.ExecuteNonQuery());
        }
        var output = new StringWriter();
        Assert.Equal(Program.VerificationFailed, LedgerCommand.Verify(_path, output));
        Assert.Contains("PayloadAltered at sequence 3", output.ToString());
    }

    [Fact]
    public void VerifyAndStatsExitWithTwoForAMissingOrForeignFile()
    {
        Assert.Equal(Program.BadUsage, LedgerCommand.Verify(_path, new StringWriter()));
        File.WriteAllText(_path, "this is not a database, it is a grocery list");
        Assert.Equal(Program.BadUsage, LedgerCommand.Verify(_path, new StringWriter()));
        Assert.Equal(Program.BadUsage, LedgerCommand.Stats(_path, new StringWriter()));
    }

    [Fact]
    public void StatsPrintsTheSizeAndChainHead()
    {
        WriteEntries(3);
        var output = new StringWriter();
        Assert.Equal(Program.Ok, LedgerCommand.Stats(_path, output));
        Assert.Contains("entries:         3", output.ToString());
        Assert.Matches("chain head: +[0-9a-f]{64}", output.ToString());
    }

    [Fact]
    public void ProofPrintsAnInclusionProofThatVerifiesAgainstThePrintedRoot()
    {
        WriteEntries(7);
        var output = new StringWriter();
        Assert.Equal(Program.Ok, LedgerCommand.Proof(_path, 4, 7, output));
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        var hashes = root.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromHexString(h.GetString()!)).ToList();
        var leaf = Convert.FromHexString(root.GetProperty("leafHash").GetString()!);
        var treeRoot = Convert.FromHexString(root.GetProperty("root").GetString()!);
        Assert.True(MerkleProofVerifier.VerifyInclusion(leaf, 3, 7, hashes, treeRoot).IsValid);
        // The same proof must not verify for a neighbouring entry: the test would catch a proof that proves nothing.
        Assert.False(MerkleProofVerifier.VerifyInclusion(leaf, 2, 7, hashes, treeRoot).IsValid);
    }

    [Fact]
    public void ProofOutsideTheLedgerExitsWithTwo()
    {
        WriteEntries(3);
        Assert.Equal(Program.BadUsage, LedgerCommand.Proof(_path, 4, null, new StringWriter()));
    }

    [Fact]
    public void ExportWritesOneNdjsonLinePerObservation()
    {
        WriteEntries(4);
        var file = _path + ".ndjson";
        try
        {
            Assert.Equal(Program.Ok, LedgerCommand.Export(_path, "observations", file, Stream.Null));
            var lines = File.ReadAllLines(file);
            Assert.Equal(4, lines.Length);
            Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
            Assert.Equal(Program.BadUsage, LedgerCommand.Export(_path, "everything", null, Stream.Null));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private void WriteEntries(int count)
    {
        using var store = LedgerStore.Open(new LedgerOptions(SqliteStoreOptions.ForFile(_path)));
        store.Append(Enumerable.Range(0, count)
            .Select(i => (object)new Observation("point", "target", Modality.Simulation, Observation.NoMetrics, ProbeAttributes.Empty,
                1_700_000_000_000_000 + i, new LogPayload($"entry {i}", "INFO")))
            .ToList());
    }
}
