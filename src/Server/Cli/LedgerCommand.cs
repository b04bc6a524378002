using System.CommandLine;
using System.Text.Json;
using CodeSight.Persistence;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Sqlite;

namespace CodeSight.Server.Cli;

/// <summary>
/// <c>codesight ledger verify|stats --db PATH</c>: audit a ledger file without writing to it. <c>verify</c> recomputes
/// every payload hash, chain link, checkpoint root and signature and exits 1 naming the first bad sequence number;
/// <c>stats</c> prints the size, chain head and latest checkpoint; <c>proof</c> prints an RFC 9162 inclusion proof
/// as JSON (checkable with SHA-256 alone, see docs/ledger.md); <c>export</c> writes entries as NDJSON.
/// </summary>
internal static class LedgerCommand
{
    public static Command Create()
    {
        var command = new Command("ledger", "Audit a CodeSight ledger (SQLite file), read-only.");
        command.Subcommands.Add(Sub("verify", "Recompute every hash, chain link and checkpoint; exit 1 at the first bad entry.", Verify));
        command.Subcommands.Add(Sub("stats", "Print the ledger's size, chain head and latest checkpoint.", Stats));
        command.Subcommands.Add(ProofCommand());
        command.Subcommands.Add(ExportCommand());
        return command;
    }

    private static Option<FileInfo> DbOption() =>
        new("--db") { Description = "The ledger file.", DefaultValueFactory = _ => new FileInfo("codesight.db") };

    private static Command ProofCommand()
    {
        var db = DbOption();
        var seq = new Option<long>("--seq") { Description = "The entry's sequence number (1-based).", Required = true };
        var size = new Option<long?>("--size") { Description = "The tree size the proof is for; default: the whole ledger." };
        var command = new Command("proof", "Print an RFC 9162 inclusion proof for one entry, as JSON.") { db, seq, size };
        command.SetAction(parse => Proof(parse.GetValue(db)!.FullName, parse.GetValue(seq), parse.GetValue(size), Console.Out));
        return command;
    }

    private static Command ExportCommand()
    {
        var db = DbOption();
        var kind = new Option<string>("--kind") { Description = "probes (NDJSON close records) or observations.", DefaultValueFactory = _ => "probes" };
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "Write the ledger's probes or observations as NDJSON.") { db, kind, output };
        command.SetAction(parse => Export(parse.GetValue(db)!.FullName, parse.GetValue(kind)!, parse.GetValue(output)?.FullName, Console.OpenStandardOutput()));
        return command;
    }

    /// <summary>Prints the inclusion proof of entry <paramref name="sequence"/>; returns the exit code.</summary>
    public static int Proof(string path, long sequence, long? treeSize, TextWriter output)
    {
        if (!File.Exists(path)) return Fail($"{path}: no such file.");
        try
        {
            using var reader = LedgerReader.Open(SqliteStoreOptions.ForFile(path));
            var proof = reader.InclusionProof(sequence, treeSize ?? reader.Size);
            output.WriteLine(JsonSerializer.Serialize(new
            {
                sequence = proof.Sequence,
                treeSize = proof.TreeSize,
                leafHash = Convert.ToHexStringLower(proof.LeafHash),
                root = Convert.ToHexStringLower(proof.Root),
                hashes = proof.Hashes.Select(Convert.ToHexStringLower).ToArray(),
            }));
            return Program.Ok;
        }
        catch (ArgumentOutOfRangeException e)
        {
            return Fail(e.Message.Split(Environment.NewLine)[0].Split(" (Parameter")[0]);
        }
        catch (PersistenceException e)
        {
            return Fail(e.Message);
        }
    }

    /// <summary>Exports probes or observations as NDJSON to <paramref name="outputPath"/> or <paramref name="standardOutput"/>.</summary>
    public static int Export(string path, string kind, string? outputPath, Stream standardOutput)
    {
        if (!File.Exists(path)) return Fail($"{path}: no such file.");
        if (kind is not ("probes" or "observations")) return Fail($"--kind must be probes or observations (got '{kind}').");
        try
        {
            using var reader = LedgerReader.Open(SqliteStoreOptions.ForFile(path));
            using var target = outputPath is null ? null : File.Create(outputPath);
            var stream = target ?? standardOutput;
            var lines = kind == "probes" ? reader.ExportProbes(new LedgerQuery(), stream) : reader.ExportObservations(new LedgerQuery(), stream);
            stream.Flush();
            Console.Error.WriteLine($"codesight ledger: exported {lines} {kind} from {path}.");
            return Program.Ok;
        }
        catch (PersistenceException e)
        {
            return Fail(e.Message);
        }
    }

    private static Command Sub(string name, string description, Func<string, TextWriter, int> run)
    {
        var db = new Option<FileInfo>("--db") { Description = "The ledger file.", DefaultValueFactory = _ => new FileInfo("codesight.db") };
        var sub = new Command(name, description) { db };
        sub.SetAction(parse => run(parse.GetValue(db)!.FullName, Console.Out));
        return sub;
    }

    /// <summary>Verifies the ledger at <paramref name="path"/>; returns the exit code.</summary>
    public static int Verify(string path, TextWriter output)
    {
        if (!File.Exists(path)) return Fail($"{path}: no such file.");
        try
        {
            var result = LedgerVerifier.Verify(SqliteStoreOptions.ForFile(path));
            output.WriteLine($"{path}: {result}");
            return result.IsValid ? Program.Ok : Program.VerificationFailed;
        }
        catch (PersistenceException e)
        {
            return Fail(e.Message);
        }
    }

    /// <summary>Prints the ledger's statistics; returns the exit code.</summary>
    public static int Stats(string path, TextWriter output)
    {
        if (!File.Exists(path)) return Fail($"{path}: no such file.");
        try
        {
            using var reader = LedgerReader.Open(SqliteStoreOptions.ForFile(path));
            var last = reader.Size == 0 ? null : reader.Query(new LedgerQuery { FromSequence = reader.Size, ToSequence = reader.Size, Limit = 1 }).FirstOrDefault();
            var checkpoint = reader.Checkpoints().LastOrDefault();
            output.WriteLine($"file:            {path}");
            output.WriteLine($"entries:         {reader.Size}");
            output.WriteLine($"chain head:      {(last is null ? "(empty)" : Convert.ToHexStringLower(last.ChainHash))}");
            output.WriteLine($"checkpoint size: {(checkpoint is null ? "(none)" : checkpoint.TreeSize)}");
            output.WriteLine($"checkpoint root: {(checkpoint is null ? "(none)" : Convert.ToHexStringLower(checkpoint.Root))}");
            return Program.Ok;
        }
        catch (PersistenceException e)
        {
            return Fail(e.Message);
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("codesight ledger: " + message);
        return Program.BadUsage;
    }
}
