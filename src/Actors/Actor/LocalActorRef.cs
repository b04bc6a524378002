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
    // The mailbox, held instead of the cell so that a Tell reads only this object and the mailbox: the cell is written
    // on every message its actor processes (the current envelope), and reading it from another thread would pull that
    // cache line across cores on each send. The cell is one step further, through the mailbox (no extra field: an idle
    // actor stays at 380 bytes).
    private readonly Mailbox _mailbox;

    public LocalActorRef(ActorCell cell, ActorPath path, RouterState? router)
    {
        _mailbox = cell.Mailbox;
        Path = path;
        _router = router;
    }

    public ActorCell Cell => _mailbox.Cell;

    public ActorPath Path { get; }

    public ActorSystem System => Cell.System;

    public bool IsTerminated => _mailbox.IsClosed;

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_router is not null && !IsTerminated && _router.TryRoute(message, sender)) return;
        if (!_mailbox.Post(message, sender)) Cell.System.DeadLetter(message, sender, this);
    }

    public void SendSystemMessage(SystemMessage message) => _mailbox.PostSystem(message);

    // A reference of another kind may stand for this one (a TestProbe forwards to its actor): let it decide, so
    // that equality stays symmetric. It must not call back into this method with itself.
    public bool Equals(IActorRef? other) => ReferenceEquals(this, other) || (other is not null and not LocalActorRef && other.Equals(this));

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => global::System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    public override string ToString() => $"[{Path}]";
}
