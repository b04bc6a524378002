using BenchmarkDotNet.Attributes;
using CodeSight.Actors;
using CodeSight.Benchmarks.Columns;

namespace CodeSight.Benchmarks.Lifecycle;

/// <summary>
/// Spawn and stop rate of short-lived actors: spawners create <see cref="TotalActors"/> children between them, each
/// child handles one message, reports and stops itself; an invocation ends when every child's termination has been
/// processed by its parent. <see cref="MaxLive"/> bounds how many children a spawner keeps alive at once (like a
/// bounded number of open trails); the largest value creates all of them in one burst. One operation is one
/// actor's whole life, so actors/s is 1 s / Mean.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ActorsPerSecondConfig))]
public class SpawnStopBenchmark
{
    private const int TotalActors = 100_000;

    private ActorSystem? _system;
    private IActorRef[] _spawners = [];

    [Params(1, 4)]
    public int Spawners { get; set; }

    [Params(1_000, TotalActors)]
    public int MaxLive { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("spawn");
        _spawners = new IActorRef[Spawners];
        for (var i = 0; i < Spawners; i++) _spawners[i] = _system.ActorOf(Props.Create(static () => new Spawner()));
    }

    [GlobalCleanup]
    public void Cleanup() => _system?.Terminate().Wait(TimeSpan.FromSeconds(30));

    [Benchmark(OperationsPerInvoke = TotalActors)]
    public void SpawnAndStop()
    {
        var round = new SpawnRound(Spawners, TotalActors / Spawners, MaxLive);
        foreach (var spawner in _spawners) spawner.Tell(round, null);
        round.Done.Wait();
    }
}
