using BenchmarkDotNet.Attributes;
using CodeSight.Actors;
using CodeSight.Benchmarks.Columns;

namespace CodeSight.Benchmarks.PingPong;

/// <summary>
/// Message throughput between pairs of actors, each pair keeping <see cref="Window"/> messages in flight, against
/// the same exchange built on System.Threading.Channels in the same run. One operation is one message delivered
/// (a ping or a pong), so the Mean is the cost per message and msg/s is 1 s / Mean.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MessagesPerSecondConfig))]
public class PingPongBenchmark
{
    private const int TotalPings = 500_000;
    private const int MessagesPerInvoke = 2 * TotalPings;

    private ActorSystem? _system;
    private (IActorRef Pinger, IActorRef Ponger)[] _pairs = [];

    [Params(2, 8, 32)]
    public int Pairs { get; set; }

    [Params(100)]
    public int Window { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("pingpong");
        _pairs = new (IActorRef, IActorRef)[Pairs];
        for (var i = 0; i < Pairs; i++)
        {
            _pairs[i] = (_system.ActorOf(Props.Create(static () => new Pinger())), _system.ActorOf(Props.Create(static () => new Ponger())));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _system?.Terminate().Wait(TimeSpan.FromSeconds(30));

    [Benchmark(Baseline = true, OperationsPerInvoke = MessagesPerInvoke)]
    public void Channels()
    {
        var round = new PingPongRound(Pairs, TotalPings / Pairs, Window);
        var players = new Task[Pairs];
        for (var i = 0; i < Pairs; i++) players[i] = ChannelPair.Play(round);
        Task.WaitAll(players);
    }

    [Benchmark(OperationsPerInvoke = MessagesPerInvoke)]
    public void Actors()
    {
        var round = new PingPongRound(Pairs, TotalPings / Pairs, Window);
        foreach (var (pinger, ponger) in _pairs) pinger.Tell(new StartRound(round, ponger), null);
        round.Done.Wait();
    }
}
