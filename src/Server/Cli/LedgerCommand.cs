using System.CommandLine;
using CodeSight.Persistence;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Sqlite;

namespace CodeSight.Server.Cli;

/// <summary>
/// <c>codesight ledger verify|stats --db PATH</c>: audit a ledger file without writing to it. <c>verify</c> recomputes
/// every payload hash, chain link, checkpoint root and signature and exits 1 naming the first bad sequence number;
/// <c>stats</c> prints the size, chain head and latest checkpoint.
/// </summary>
internal static class LedgerCommand
{
    public static Command Create()
    {
        var command = new Command("ledger", "Audit a CodeSight ledger (SQLite file), read-only.");
        command.Subcommands.Add(Sub("verify", "Recompute every hash, chain link and checkpoint; exit 1 at the first bad entry.", Verify));
        command.Subcommands.Add(Sub("stats", "Print the ledger's size, chain head and latest checkpoint.", Stats));
        return command;
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
