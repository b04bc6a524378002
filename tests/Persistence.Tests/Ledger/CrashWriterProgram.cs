using System.Globalization;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Sqlite;
using CodeSight.Persistence.Tests.Support;

namespace CodeSight.Persistence.Tests.Ledger;

/// <summary>
/// Entry point of this test assembly when it is run as a program (the test host never calls it). The crash
/// tests start it as <c>dotnet CodeSight.Persistence.Tests.dll ledger-crash-writer DB</c>: it appends batches
/// to the ledger in FULL synchronous mode forever, printing <c>ack N</c> after each commit, until it is killed.
/// </summary>
public static class CrashWriterProgram
{
    public const string Command = "ledger-crash-writer";

    public static int Main(string[] args)
    {
        if (args.Length != 2 || args[0] != Command)
        {
            Console.Error.WriteLine($"usage: {Command} DATABASE");
            return 2;
        }

        var options = new LedgerOptions(SqliteStoreOptions.ForFile(args[1]) with { Synchronous = SqliteSynchronous.Full })
        {
            CheckpointEvery = 1000,
        };
        using LedgerStore store = LedgerStore.Open(options);
        for (int round = 0; ; round++)
        {
            var batch = new List<object>(200);
            for (int i = 0; i < 200; i++)
            {
                batch.Add(LedgerSamples.Observation((round * 200) + i));
            }

            LedgerAppendResult result = store.Append(batch);
            store.CheckpointIfDue();
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack {result.LastSequence}"));
            Console.Out.Flush();
        }
    }
}
