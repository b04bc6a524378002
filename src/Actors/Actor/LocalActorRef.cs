using CodeSight.Actors.Dispatch;
using CodeSight.Actors.Routing;

namespace CodeSight.Actors;

/// <summary>
/// The reference to an actor living in this process. For a router, ordinary messages are routed right here on the
/// sender's thread, without passing through the router's own mailbox.
/// </summary>
internal sealed class LocalActorRef : IInternalActorRef
{
    private readonly RouterState? _router;

    public LocalActorRef(ActorCell cell, ActorPath path, RouterState? router)
    {
        Cell = cell;
        Path = path;
        _router = router;
    }

    public ActorCell Cell { get; }

    public ActorPath Path { get; }

    public ActorSystem System => Cell.System;

    public bool IsTerminated => Cell.Mailbox.IsClosed;

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_router is not null && !IsTerminated && _router.TryRoute(message, sender)) return;
        if (!Cell.Mailbox.Post(message, sender)) Cell.System.DeadLetter(message, sender, this);
    }

    public void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => global::System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    public override string ToString() => $"[{Path}]";
}
