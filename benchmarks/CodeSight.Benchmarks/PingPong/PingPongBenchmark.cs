using BenchmarkDotNet.Attributes;
using CodeSight.Actors;
using CodeSight.Benchmarks.Columns;

namespace CodeSight.Benchmarks.PingPong;

/*
Branch kernelperf, before/after in one window, 2026-11-22 03:24-03:27 UTC, load average ~40 on the 2 cores (never
quiet this session), InProcessEmitToolchain, ShortRun job. No improvement shown at this load; goal 2x not met.
After (time slice per mailbox run, lock-free system messages), load 44:
| Method   | Pairs | Window | Mean     | Error      | StdDev    | Median   | Ratio | RatioSD | msg/s  | Allocated | Alloc Ratio |
|--------- |------ |------- |---------:|-----------:|----------:|---------:|------:|--------:|-------:|----------:|------------:|
| Channels | 2     | 100    | 269.3 ns | 3,384.2 ns | 185.50 ns | 197.5 ns |  1.33 |    1.09 | 3.71 M |         - |          NA |
| Actors   | 2     | 100    | 382.5 ns | 2,684.1 ns | 147.13 ns | 410.8 ns |  1.89 |    1.16 | 2.61 M |         - |          NA |
|          |       |        |          |            |           |          |       |         |        |           |             |
| Channels | 8     | 100    | 219.9 ns |   756.5 ns |  41.47 ns | 206.6 ns |  1.02 |    0.23 | 4.55 M |         - |          NA |
| Actors   | 8     | 100    | 237.6 ns |   772.6 ns |  42.35 ns | 238.7 ns |  1.10 |    0.24 | 4.21 M |         - |          NA |
|          |       |        |          |            |           |          |       |         |        |           |             |
| Channels | 32    | 100    | 151.6 ns |   405.4 ns |  22.22 ns | 161.9 ns |  1.02 |    0.19 | 6.60 M |         - |          NA |
| Actors   | 32    | 100    | 335.7 ns | 3,098.1 ns | 169.82 ns | 352.2 ns |  2.25 |    1.04 | 2.98 M |         - |          NA |
Before (commit 1865f8c), load 40:
| Method   | Pairs | Window | Mean     | Error      | StdDev   | Ratio | RatioSD | msg/s  | Allocated | Alloc Ratio |
|--------- |------ |------- |---------:|-----------:|---------:|------:|--------:|-------:|----------:|------------:|
| Channels | 2     | 100    | 187.6 ns | 1,241.5 ns | 68.05 ns |  1.11 |    0.53 | 5.33 M |         - |          NA |
| Actors   | 2     | 100    | 270.6 ns | 1,757.0 ns | 96.31 ns |  1.60 |    0.76 | 3.69 M |         - |          NA |
|          |       |        |          |            |          |       |         |        |           |             |
| Channels | 8     | 100    | 225.5 ns |   616.1 ns | 33.77 ns |  1.02 |    0.19 | 4.44 M |         - |          NA |
| Actors   | 8     | 100    | 216.2 ns |   284.7 ns | 15.61 ns |  0.97 |    0.14 | 4.63 M |         - |          NA |
|          |       |        |          |            |          |       |         |        |           |             |
| Channels | 32    | 100    | 148.5 ns |   190.8 ns | 10.46 ns |  1.00 |    0.09 | 6.73 M |         - |          NA |
| Actors   | 32    | 100    | 211.2 ns | 1,126.8 ns | 61.76 ns |  1.43 |    0.37 | 4.74 M |         - |          NA |
Before, 02:21 UTC, load ~5-8:
| Method   | Pairs | Window | Mean     | Error     | StdDev   | Ratio | RatioSD | msg/s   | Allocated | Alloc Ratio |
|--------- |------ |------- |---------:|----------:|---------:|------:|--------:|--------:|----------:|------------:|
| Channels | 2     | 100    | 22.41 ns |  34.40 ns | 1.886 ns |  1.00 |    0.10 | 44.62 M |         - |          NA |
| Actors   | 2     | 100    | 33.20 ns |  68.30 ns | 3.744 ns |  1.49 |    0.18 | 30.12 M |         - |          NA |
|          |       |        |          |           |          |       |         |         |           |             |
| Channels | 8     | 100    | 34.98 ns |  54.69 ns | 2.998 ns |  1.00 |    0.10 | 28.59 M |         - |          NA |
| Actors   | 8     | 100    | 52.03 ns | 146.42 ns | 8.026 ns |  1.49 |    0.23 | 19.22 M |         - |          NA |
|          |       |        |          |           |          |       |         |         |           |             |
| Channels | 32    | 100    | 28.30 ns |  32.56 ns | 1.785 ns |  1.00 |    0.08 | 35.34 M |         - |          NA |
| Actors   | 32    | 100    | 38.42 ns |  47.43 ns | 2.600 ns |  1.36 |    0.11 | 26.03 M |         - |          NA |
Earlier results follow; all of them: benchmarks/results/ping-pong.md.

BenchmarkDotNet v0.14.0, Debian GNU/Linux 12 (bookworm), AMD EPYC, 2 cores, 23 GiB, .NET 10.0.12 (SDK 10.0.401)
2026-11-22 01:28 UTC, load average ~15 on the 2 cores (others building). InProcessEmitToolchain, ShortRun job.
Goal >= 10 M msg/s: met here (10.7-10.8 M). Goal >= 2x Channels (Ratio <= 0.50): not met (0.76-1.32).
A full default-job run at load ~35 gave 3.4-4.2 M msg/s, Ratio 1.25-2.46: see benchmarks/results/ping-pong.md.

| Method   | Pairs | Window | Mean      | Error     | StdDev    | Ratio | RatioSD | msg/s   | Allocated | Alloc Ratio |
|--------- |------ |------- |----------:|----------:|----------:|------:|--------:|--------:|----------:|------------:|
| Channels | 2     | 100    |  97.12 ns | 571.05 ns | 31.301 ns |  1.07 |    0.43 | 10.30 M |         - |          NA |
| Actors   | 2     | 100    |  93.25 ns |  77.59 ns |  4.253 ns |  1.03 |    0.29 | 10.72 M |         - |          NA |
|          |       |        |           |           |           |       |         |         |           |             |
| Channels | 8     | 100    | 125.47 ns | 419.72 ns | 23.006 ns |  1.03 |    0.25 |  7.97 M |         - |          NA |
| Actors   | 8     | 100    |  92.58 ns | 110.39 ns |  6.051 ns |  0.76 |    0.14 | 10.80 M |         - |          NA |
|          |       |        |           |           |           |       |         |         |           |             |
| Channels | 32    | 100    |  70.56 ns |  83.59 ns |  4.582 ns |  1.00 |    0.08 | 14.17 M |         - |          NA |
| Actors   | 32    | 100    |  92.74 ns | 109.70 ns |  6.013 ns |  1.32 |    0.10 | 10.78 M |         - |          NA |
*/

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
