namespace CodeSight.Benchmarks.Memory;

/// <summary>Which kind of idle actor <see cref="IdleActorMemoryBenchmark"/> creates.</summary>
public enum IdleActorKind
{
    /// <summary><see cref="IdleUntypedActor"/>: the leanest actor.</summary>
    Untyped,

    /// <summary><see cref="IdleReceiveActor"/>: a ReceiveActor with one handler.</summary>
    Receive,
}
