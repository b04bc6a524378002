using System.Diagnostics;
using CodeSight.Actors;
using CodeSight.Contracts.Probes;
using CodeSight.Engine;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CodeSight.Benchmarks.Recording;

/// <summary>
/// A quick caller-thread measurement for tuning sessions (<c>-- quick-child [rounds]</c>): the shape of
/// <see cref="ChildProbeBenchmark"/> (one root, 256 children each with a note, then the engine drained), run as many
/// short batches and interleaved with OpenTelemetry's StartActivity + SetTag + Stop, printing the median ns per child
/// of each and their ratio. Medians of many batches hold up better than BenchmarkDotNet's short job on a shared
/// machine; final numbers come from the BenchmarkDotNet suite.
/// </summary>
public static class QuickChildProbe
{
    private const int ProbesPerBatch = 256;
    private static readonly int BatchesPerRound = int.Parse(Environment.GetEnvironmentVariable("QC_BATCHES") ?? "400");

    public static void Run(int rounds)
    {
        // CODESIGHT_QUICK_HOCON adds settings to compare, e.g. "codesight.actor.default-dispatcher.idle-spin = 0".
        var extra = Environment.GetEnvironmentVariable("CODESIGHT_QUICK_HOCON") ?? string.Empty;
        using var system = ActorSystem.Create("quick", "codesight.stdout-loglevel = off\n" + extra);
        var engine = CodeSightEngine.Start(system);
        using var source = new ActivitySource("CodeSight.Benchmarks.Quick");
        var processor = new DiscardingProcessor();
        using var provider = Sdk.CreateTracerProviderBuilder().AddSource(source.Name).SetSampler(new AlwaysOnSampler()).AddProcessor(processor).Build()!;
        var ours = new List<double>();
        var ourBytes = new List<double>();
        var theirs = new List<double>();
        for (var r = -1; r < rounds; r++)
        {
            var codeSight = new List<double>();
            var openTelemetry = new List<double>();
            for (var b = 0; b < BatchesPerRound; b++)
            {
                codeSight.Add(CodeSightBatch(engine));
                ourBytes.Add(_callerBytes);
                Drain(engine);
                openTelemetry.Add(OpenTelemetryBatch(source));
            }
            if (r < 0) continue; // warm-up round
            var c = Median(codeSight);
            var o = Median(openTelemetry);
            ours.Add(c);
            theirs.Add(o);
            Console.WriteLine($"round {r}: CodeSight {c:N0} ns, OpenTelemetry {o:N0} ns per child (ratio {c / o:N2}); ended {processor.Ended}");
        }
        var ratio = Median(ours) / Median(theirs);
        Console.WriteLine($"median: CodeSight {Median(ours):N0} ns, OpenTelemetry {Median(theirs):N0} ns per child, ratio {ratio:N2}; CodeSight caller-thread bytes per child {Median(ourBytes):N0}");
    }

    // Bytes the calling thread allocated per child in the last CodeSight batch (GC.GetAllocatedBytesForCurrentThread):
    // BenchmarkDotNet's Allocated column counts every thread, so it also counts what the shard and the collector did.
    private static double _callerBytes;

    private static double CodeSightBatch(CodeSightEngine engine)
    {
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        var root = engine.Recorder.OpenTrail("root");
        for (var i = 0; i < ProbesPerBatch; i++)
        {
            var child = root.Child(ProbeKind.Tool, "tool");
            child.Note("index", i);
            child.Close();
        }
        root.Close();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalNanoseconds / ProbesPerBatch;
        _callerBytes = (double)(GC.GetAllocatedBytesForCurrentThread() - bytes) / ProbesPerBatch;
        return elapsed;
    }

    private static double OpenTelemetryBatch(ActivitySource source)
    {
        var start = Stopwatch.GetTimestamp();
        using (source.StartActivity("root"))
        {
            for (var i = 0; i < ProbesPerBatch; i++)
            {
                var child = source.StartActivity("tool");
                child!.SetTag("index", i);
                child.Stop();
            }
        }
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / ProbesPerBatch;
    }

    private static void Drain(CodeSightEngine engine)
    {
        var opened = engine.Counters.ProbesOpened;
        var closed = engine.Counters.ProbesClosed;
        var spin = new SpinWait();
        while (closed.Value < opened.Value || engine.RunningTrails > 0) spin.SpinOnce();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
