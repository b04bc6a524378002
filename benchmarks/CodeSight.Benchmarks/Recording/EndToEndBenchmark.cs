using BenchmarkDotNet.Attributes;
using CodeSight.Actors;
using CodeSight.Contracts.Probes;
using CodeSight.Engine;
using CodeSight.Engine.Sinks;

namespace CodeSight.Benchmarks.Recording;

/// <summary>
/// End to end: two producer threads record trails through the recorder; every probe is opened and closed, goes
/// through its trail actor, and its signals reach a <see cref="CollectorSink"/>. One operation is one closed probe
/// that the collector received; the invocation ends when the collector has every signal. The result in probes per
/// second is 10^9 / (ns per operation).
/// <code>
/// Before/after trail shards, same window, load average ~6.5 (benchmarks/results/end-to-end.md):
/// | ProbesPerTrail | before (actor per trail) | after (shards)      | Allocated          |
/// |--------------- |------------------------- |-------------------- |------------------- |
/// | 1              | 5,739 ns (0.17 M/s)      | 4,042 ns (0.25 M/s) | 1,842 B -> 719 B   |
/// | 10             | 1,627 ns (0.61 M/s)      | 1,375 ns (0.73 M/s) |   842 B -> 539 B   |
/// | 100            | 1,917 ns (0.52 M/s)      |   776 ns (1.29 M/s) |   722 B -> 530 B   |
/// </code>
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class EndToEndBenchmark
{
    private const int Producers = 2;
    private const int ProbesPerProducer = 20_000;
    private const int TotalProbes = Producers * ProbesPerProducer;

    private ActorSystem _system = null!;
    private CodeSightEngine _engine = null!;
    private IActorRef _collector = null!;

    /// <summary>Probes per trail: the root alone, or the root and its children.</summary>
    [Params(1, 10, 100)]
    public int ProbesPerTrail { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", "codesight.stdout-loglevel = off");
        _engine = CodeSightEngine.Start(_system);
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait(TimeSpan.FromSeconds(30));

    [IterationSetup]
    public void StartCollector()
    {
        // A fresh collector per iteration, so that what it keeps does not pile up across iterations.
        _collector = _system.ActorOf(CollectorSink.Props());
        _collector.Ask<CollectorSink.Collected>(CollectorSink.GetCollected.Instance, TimeSpan.FromSeconds(30)).Wait();
    }

    [IterationCleanup]
    public void StopCollector() => _system.Stop(_collector);

    [Benchmark(OperationsPerInvoke = TotalProbes, Description = "Closed probes through trail actors into the collector")]
    public int ProducersToCollector()
    {
        var completedBefore = _engine.Counters.TrailsCompleted.Value;
        var trailsPerProducer = ProbesPerProducer / ProbesPerTrail;
        var producers = new Thread[Producers];
        for (var p = 0; p < Producers; p++)
        {
            producers[p] = new Thread(() => Produce(trailsPerProducer)) { IsBackground = true };
            producers[p].Start();
        }
        foreach (var producer in producers) producer.Join();
        var expected = completedBefore + (long)Producers * trailsPerProducer;
        // Sleep rather than spin: BenchmarkDotNet runs this thread at raised priority, and a spinning waiter would
        // take the very cores the trail actors and the collector need. 1 ms is noise against a run of seconds.
        while (_engine.Counters.TrailsCompleted.Value < expected) Thread.Sleep(1);
        // The collector's mailbox already holds every signal (each was published before its trail completed):
        // the reply to this ask comes after all of them.
        var collected = _collector.Ask<CollectorSink.Collected>(CollectorSink.GetCollected.Instance, TimeSpan.FromSeconds(60)).Result;
        var signals = collected.Signals.Count;
        if (signals != 2 * TotalProbes) throw new InvalidOperationException($"The collector received {signals} signals, expected {2 * TotalProbes}.");
        return signals;
    }

    private void Produce(int trails)
    {
        var recorder = _engine.Recorder;
        for (var t = 0; t < trails; t++)
        {
            var root = recorder.OpenTrail("trail");
            for (var c = 1; c < ProbesPerTrail; c++) root.Child(ProbeKind.Tool, "step").Close();
            root.Close();
        }
    }
}
