using System.Diagnostics;
using CodeSight.Actors;
using CodeSight.Engine;
using CodeSight.Engine.Sampling;

namespace CodeSight.Benchmarks.Recording;

/// <summary>
/// A quick measurement for tuning sessions (<c>-- quick-dropped [rounds]</c>): ns per <c>OpenTrail</c> that the ratio
/// gate drops, in wall time and in process CPU time, the minimum over rounds of 2,000,000 calls. On a machine shared
/// with other busy processes the wall time mostly measures waiting for a core; the CPU time is the steadier number.
/// Final numbers come from <see cref="SampledOutBenchmark"/>.
/// </summary>
public static class QuickDroppedOpen
{
    private const int Calls = 2_000_000;

    public static void Run(int rounds)
    {
        using var system = ActorSystem.Create("quick", "codesight.stdout-loglevel = off");
        var engine = CodeSightEngine.Start(system, new EngineOptions { Gate = new RatioGate(1e-12) });
        var recorder = engine.Recorder;
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        var process = Process.GetCurrentProcess();
        var admitted = 0;
        for (var r = 0; r < rounds; r++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Calls; i++)
            {
                if (recorder.OpenTrail("run").IsRecording) admitted++;
            }
            var ns = watch.Elapsed.TotalNanoseconds / Calls;
            process.Refresh();
            var cpuNs = (process.TotalProcessorTime - cpuBefore).TotalNanoseconds / Calls;
            best = Math.Min(best, ns);
            bestCpu = Math.Min(bestCpu, cpuNs);
            Console.WriteLine($"round {r}: {ns:N1} ns ({cpuNs:N1} cpu-ns) per dropped OpenTrail");
        }
        Console.WriteLine($"best: {best:N1} ns, {bestCpu:N1} cpu-ns per dropped OpenTrail ({admitted} admitted)");
    }
}
