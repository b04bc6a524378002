using BenchmarkDotNet.Attributes;
using CodeSight.Actors;
using CodeSight.Benchmarks.Columns;

namespace CodeSight.Benchmarks.Memory;

/// <summary>
/// Creates <see cref="ActorCount"/> actors and waits until every one has processed its Create (run PreStart), then
/// leaves them idle. Mean and Allocated are per actor (creation and start); the Retained/actor column is what stays
/// reachable per idle actor, measured around each iteration with full collections.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessRetentionConfig))]
public class IdleActorMemoryBenchmark
{
    private const int ActorCount = 100_000;

    /// <summary>Counts actors down as they start; read by the actors' PreStart.</summary>
    internal static CountdownEvent? Started;

    private ActorSystem? _system;
    private long _before;

    [Params(IdleActorKind.Untyped, IdleActorKind.Receive)]
    public IdleActorKind Kind { get; set; }

    [IterationSetup]
    public void CreateSystem()
    {
        _system = ActorSystem.Create("idle");
        // One actor of the kind first, so that one-off costs (JIT, static caches) are not charged to the 100k.
        Started = new CountdownEvent(1);
        _system.ActorOf(NewProps());
        Started.Wait();
        Started = new CountdownEvent(ActorCount);
        _before = GC.GetTotalMemory(forceFullCollection: true);
    }

    [Benchmark(OperationsPerInvoke = ActorCount)]
    public void CreateIdleActors()
    {
        var props = NewProps();
        for (var i = 0; i < ActorCount; i++) _system!.ActorOf(props);
        Started!.Wait();
    }

    [IterationCleanup]
    public void MeasureAndTerminate()
    {
        // Only iterations that created actors count (BDN also calls setup and cleanup around its own overhead runs).
        if (Started is { CurrentCount: 0 })
        {
            var after = GC.GetTotalMemory(forceFullCollection: true);
            RetentionLog.Add(Kind.ToString(), (after - _before) / (double)ActorCount);
        }
        GC.KeepAlive(_system);
        _system!.Terminate().Wait(TimeSpan.FromSeconds(60));
        _system = null;
    }

    private Props NewProps() => Kind == IdleActorKind.Untyped
        ? Props.Create(static () => new IdleUntypedActor())
        : Props.Create(static () => new IdleReceiveActor());
}
