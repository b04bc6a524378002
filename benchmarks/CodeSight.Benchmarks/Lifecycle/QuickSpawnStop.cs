using System.Diagnostics;
using CodeSight.Actors;

namespace CodeSight.Benchmarks.Lifecycle;

/// <summary>
/// A quick spawn+stop measurement for tuning sessions (<c>-- quick-spawn [spawners] [rounds] [maxLive]</c>): prints actors/s
/// and process CPU per actor for each round, and the medians. Final numbers come from <see cref="SpawnStopBenchmark"/>.
/// </summary>
public static class QuickSpawnStop
{
    private const int TotalActors = 100_000;

    public static void Run(int spawners, int rounds, int maxLive)
    {
        using var system = ActorSystem.Create("quick");
        var refs = new IActorRef[spawners];
        for (var i = 0; i < spawners; i++) refs[i] = system.ActorOf(Props.Create(static () => new Spawner()));
        var rates = new List<double>();
        var cpus = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var r = -1; r < rounds; r++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var round = new SpawnRound(spawners, TotalActors / spawners, maxLive);
            foreach (var spawner in refs) spawner.Tell(round, null);
            if (!round.Done.Wait(TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException($"Round {r} did not finish within 60 s (dead letters so far: {system.Counters.DeadLetters}).");
            }
            var elapsed = watch.Elapsed;
            process.Refresh();
            var cpuNs = (process.TotalProcessorTime - cpuBefore).TotalNanoseconds / TotalActors;
            if (r < 0) continue;
            rates.Add(TotalActors / elapsed.TotalSeconds);
            cpus.Add(cpuNs);
            Console.WriteLine($"round {r}: {TotalActors / elapsed.TotalSeconds / 1e6:N2} M actors/s ({cpuNs:N0} cpu-ns/actor), GCs so far {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        }
        rates.Sort();
        cpus.Sort();
        Console.WriteLine($"median ({spawners} spawners, {maxLive} live): {rates[rates.Count / 2] / 1e6:N2} M actors/s, {cpus[cpus.Count / 2]:N0} cpu-ns/actor");
    }
}
