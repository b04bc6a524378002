namespace CodeSight.Persistence.Actors.Internal;

/// <summary>Everything persisted before a deferred handler has been answered; the handler may run.</summary>
internal sealed record DeferredReady(int InstanceId);
