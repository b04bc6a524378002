using System.Collections.Concurrent;

namespace CodeSight.Benchmarks.Memory;

/// <summary>
/// Bytes retained per actor, as measured by each iteration of <see cref="IdleActorMemoryBenchmark"/>, for
/// <see cref="Columns.RetainedBytesColumn"/> to report. Works because that benchmark runs in the host process.
/// </summary>
public static class RetentionLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<double>> Samples = new();

    public static void Add(string key, double bytesPerActor) => Samples.GetOrAdd(key, static _ => new()).Enqueue(bytesPerActor);

    /// <summary>The median of the samples for <paramref name="key"/>, or null when there are none.</summary>
    public static double? Median(string key)
    {
        if (!Samples.TryGetValue(key, out var queue) || queue.IsEmpty) return null;
        var sorted = queue.ToArray();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
