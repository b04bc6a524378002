using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Observations;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Sqlite;

namespace CodeSight.Benchmarks.Ledger;

/// <summary>Observations shaped like a simulation's, and ledger files of a given size, for the ledger benchmarks.</summary>
internal static class LedgerBenchmarkData
{
    public const int BatchSize = 4096;

    private static readonly TrailId[] Trails = Enumerable.Range(0, 64).Select(_ => TrailId.New()).ToArray();

    /// <summary>Observation i: two metrics, two context values, a log payload; about 400 bytes of canonical JSON.</summary>
    public static Observation Observation(int i) => new(
        "planning_step",
        "navigation_module",
        (Modality)(i % 7),
        new Dictionary<string, double> { ["latency_ms"] = 0.25 * i, ["tokens"] = i % 512 },
        new Dictionary<string, object?> { ["step"] = i, ["agent"] = "agent-" + (i % 16) },
        1_700_000_000_000_000L + i,
        new LogPayload("planned route segment " + i),
        Trails[i % Trails.Length],
        new ProbeId((ulong)i + 1));

    public static List<object> Observations(int count) => Enumerable.Range(0, count).Select(i => (object)Observation(i)).ToList();

    public static string TempPath(string name)
    {
        string directory = Path.Combine(Path.GetTempPath(), "codesight-ledger-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }

    public static void Delete(string? path)
    {
        if (path is not null && Path.GetDirectoryName(path) is { } directory && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Writes a ledger of <paramref name="entries"/> observations in NORMAL mode, with default checkpoints.</summary>
    public static void BuildLedger(string path, int entries)
    {
        using LedgerStore store = LedgerStore.Open(new LedgerOptions(SqliteStoreOptions.ForFile(path)));
        for (int start = 0; start < entries; start += BatchSize)
        {
            int count = Math.Min(BatchSize, entries - start);
            store.Append(Enumerable.Range(start, count).Select(i => (object)Observation(i)).ToList());
            store.CheckpointIfDue();
        }
    }
}
