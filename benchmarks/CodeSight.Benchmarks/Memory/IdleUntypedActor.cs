using CodeSight.Actors;

namespace CodeSight.Benchmarks.Memory;

/// <summary>The leanest actor: no fields of its own; it reports once it has started.</summary>
public sealed class IdleUntypedActor : UntypedActor
{
    protected override void PreStart() => IdleActorMemoryBenchmark.Started?.Signal();

    protected override void OnReceive(object message) => Unhandled(message);
}
