namespace CodeSight.Actors;

/// <summary>
/// An actor whose behaviour is a list of typed handlers registered in its constructor with
/// <see cref="Receive{T}(Action{T})"/> and friends. Handlers are tried in registration order; the first whose type
/// (and predicate, if any) matches handles the message. <see cref="Become(Action)"/> swaps the whole list.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private List<Handler>? _building = new();
    private Handler[] _handlers = [];

    /// <summary>Handles messages of type <typeparamref name="T"/> (including subtypes and implementations).</summary>
    protected void Receive<T>(Action<T> handler) => Add(new SyncHandler<T>(handler, null));

    /// <summary>Handles messages of type <typeparamref name="T"/> for which <paramref name="shouldHandle"/> is true.</summary>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) => Add(new SyncHandler<T>(handler, shouldHandle));

    /// <summary>Handles messages of type <typeparamref name="T"/> for which <paramref name="shouldHandle"/> is true.</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle) => Add(new SyncHandler<T>(handler, shouldHandle));

    /// <summary>
    /// Handles messages of type <typeparamref name="T"/> asynchronously: the actor takes no other ordinary message
    /// until the returned task completes, and code after each <c>await</c> runs inside the actor (it may use
    /// <c>Sender</c>, <c>Self</c> and the actor's state). A faulted task fails the actor like a thrown exception.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) => Add(new AsyncHandler<T>(handler, shouldHandle));

    /// <summary>Handles any message not handled by an earlier handler.</summary>
    protected void ReceiveAny(Action<object> handler) => Add(new SyncHandler<object>(handler, null));

    /// <summary>Handles any message not handled by an earlier handler, asynchronously.</summary>
    protected void ReceiveAnyAsync(Func<object, Task> handler) => Add(new AsyncHandler<object>(handler, null));

    /// <summary>Replaces the behaviour with the handlers that <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Become(Build(configure));

    /// <summary>Pushes the handlers that <paramref name="configure"/> registers; <see cref="ActorBase.UnbecomeStacked"/> pops them.</summary>
    protected void BecomeStacked(Action configure) => BecomeStacked(Build(configure));

    // The constructor has registered its handlers: keep them as an exact-size array and drop the list, which an
    // idle actor would otherwise carry for its whole life.
    internal sealed override void Constructed() => SealHandlers();

    /// <inheritdoc />
    protected internal sealed override bool Receive(object message)
    {
        SealHandlers();
        return Dispatch(_handlers, message);
    }

    private void SealHandlers()
    {
        if (_building is null) return;
        _handlers = _building.Count == 0 ? [] : [.. _building];
        _building = null;
    }

    private Receive Build(Action configure)
    {
        var previous = _building;
        _building = new List<Handler>();
        try
        {
            configure();
            Handler[] handlers = [.. _building];
            return message => Dispatch(handlers, message);
        }
        finally
        {
            _building = previous;
        }
    }

    private bool Dispatch(Handler[] handlers, object message)
    {
        foreach (var handler in handlers)
        {
            if (handler.TryHandle(message, Cell)) return true;
        }
        return false;
    }

    private void Add(Handler handler)
    {
        if (_building is null)
        {
            throw new InvalidOperationException(
                "Receive handlers can only be registered in the constructor or inside Become(Action)/BecomeStacked(Action).");
        }
        _building.Add(handler);
    }

    private abstract class Handler
    {
        public abstract bool TryHandle(object message, ActorCell cell);
    }

    private sealed class SyncHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(object message, ActorCell cell)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            handler(typed);
            return true;
        }
    }

    private sealed class AsyncHandler<T>(Func<T, Task> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(object message, ActorCell cell)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            cell.RunAsyncHandler(handler, typed);
            return true;
        }
    }
}
