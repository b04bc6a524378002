using System.Diagnostics;
using CodeSight.Actors;
using CodeSight.Contracts.Probes;
using CodeSight.Engine;
using CodeSight.Engine.Sinks;

namespace CodeSight.Benchmarks.Recording;

/// <summary>
/// A quick end-to-end measurement for tuning sessions (<c>-- quick-e2e [probesPerTrail] [rounds] [notes]</c>): the shape of
/// <see cref="EndToEndBenchmark"/> (two producers, every signal into a collector), printing probes/s and process CPU
/// per probe for each round and the medians. CPU per probe is the steadier number on a shared machine: two cores
/// fully used give 2 x 10^9 / (cpu-ns per probe) probes/s. Final numbers come from the BenchmarkDotNet suite.
/// </summary>
public static class QuickEndToEnd
{
    private const int Producers = 2;
    private const int ProbesPerProducer = 200_000;
    private const int TotalProbes = Producers * ProbesPerProducer;

    public static void Run(int probesPerTrail, int rounds, int notes = 0)
    {
        // CODESIGHT_QUICK_HOCON adds settings to compare, e.g. "codesight.engine.trail.shards = 8".
        var extra = Environment.GetEnvironmentVariable("CODESIGHT_QUICK_HOCON") ?? string.Empty;
        using var system = ActorSystem.Create("quick", "codesight.stdout-loglevel = off\n" + extra);
        var engine = CodeSightEngine.Start(system);
        var rates = new List<double>();
        var cpus = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var r = -1; r < rounds; r++)
        {
            var collector = system.ActorOf(CollectorSink.Props());
            collector.Ask<CollectorSink.Collected>(CollectorSink.GetCollected.Instance, TimeSpan.FromSeconds(30)).Wait();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var completedBefore = engine.Counters.TrailsCompleted.Value;
            var watch = Stopwatch.StartNew();
            var trails = ProbesPerProducer / probesPerTrail;
            var producers = new Thread[Producers];
            for (var p = 0; p < Producers; p++)
            {
                producers[p] = new Thread(() => Produce(engine, trails, probesPerTrail, notes)) { IsBackground = true };
                producers[p].Start();
            }
            foreach (var producer in producers) producer.Join();
            var expected = completedBefore + (long)Producers * trails;
            while (engine.Counters.TrailsCompleted.Value < expected) Thread.Sleep(1);
            var signals = collector.Ask<CollectorSink.Collected>(CollectorSink.GetCollected.Instance, TimeSpan.FromSeconds(60)).Result.Signals.Count;
            var elapsed = watch.Elapsed;
            process.Refresh();
            var cpuNs = (process.TotalProcessorTime - cpuBefore).TotalNanoseconds / TotalProbes;
            system.Stop(collector);
            var expectedSignals = (2 + notes) * TotalProbes;
            if (signals != expectedSignals) throw new InvalidOperationException($"The collector received {signals} signals, expected {expectedSignals}.");
            if (r < 0) continue;
            rates.Add(TotalProbes / elapsed.TotalSeconds);
            cpus.Add(cpuNs);
            Console.WriteLine($"round {r}: {TotalProbes / elapsed.TotalSeconds / 1e6:N2} M probes/s ({cpuNs:N0} cpu-ns/probe), GCs so far {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        }
        rates.Sort();
        cpus.Sort();
        Console.WriteLine($"median ({probesPerTrail} probes per trail): {rates[rates.Count / 2] / 1e6:N2} M probes/s, {cpus[cpus.Count / 2]:N0} cpu-ns/probe");
    }

    private static void Produce(CodeSightEngine engine, int trails, int probesPerTrail, int notes)
    {
        var recorder = engine.Recorder;
        for (var t = 0; t < trails; t++)
        {
            var root = recorder.OpenTrail("trail");
            for (var n = 0; n < notes; n++) root.Note("n", n);
            for (var c = 1; c < probesPerTrail; c++)
            {
                var child = root.Child(ProbeKind.Tool, "step");
                for (var n = 0; n < notes; n++) child.Note("n", n);
                child.Close();
            }
            root.Close();
        }
    }
}
