using CodeSight.Actors;

namespace CodeSight.Benchmarks.Memory;

/// <summary>A ReceiveActor with one handler and one int of state; it reports once it has started.</summary>
public sealed class IdleReceiveActor : ReceiveActor
{
    private int _seen;

    public IdleReceiveActor() => Receive<string>(_ => _seen++);

    protected override void PreStart() => IdleActorMemoryBenchmark.Started?.Signal();
}
