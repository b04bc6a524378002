using CodeSight.Actors;

namespace CodeSight.Persistence.Actors;

/// <summary>
/// A <see cref="PersistentActor"/> whose handlers are typed and registered in its constructor, in the style of
/// <see cref="ReceiveActor"/>: <see cref="Recover{T}(Action{T})"/> for recovery, <see cref="Command{T}(Action{T})"/>
/// for commands. Handlers are tried in registration order; the first whose type (and predicate) matches handles
/// the message. <see cref="Become(Action)"/> swaps the command handlers; recovery handlers stay.
/// </summary>
public abstract class ReceivePersistentActor : PersistentActor
{
    private readonly List<Func<object, bool>> _recoverHandlers = new();
    private List<Func<object, bool>>? _building = new();
    private Func<object, bool>[] _commandHandlers = [];
    private bool _frozen;

    /// <summary>Handles recovery messages of type <typeparamref name="T"/>: events, <see cref="SnapshotOffer"/>, <see cref="RecoveryCompleted"/>.</summary>
    /// <typeparam name="T">The message type (subtypes and implementations match too).</typeparam>
    /// <param name="handler">Rebuilds state from the message; it must not persist (except on <see cref="RecoveryCompleted"/>).</param>
    protected void Recover<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (_frozen)
        {
            throw new InvalidOperationException($"{GetType().Name}: Recover handlers can only be registered in the constructor.");
        }

        _recoverHandlers.Add(message =>
        {
            if (message is not T typed) return false;
            handler(typed);
            return true;
        });
    }

    /// <summary>Handles commands of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The command type (subtypes and implementations match too).</typeparam>
    /// <param name="handler">Handles the command, typically by persisting events.</param>
    protected void Command<T>(Action<T> handler) => Command(null, handler);

    /// <summary>Handles commands of type <typeparamref name="T"/> for which <paramref name="shouldHandle"/> is true.</summary>
    /// <typeparam name="T">The command type.</typeparam>
    /// <param name="shouldHandle">Decides whether this handler takes the command; null takes every one.</param>
    /// <param name="handler">Handles the command.</param>
    protected void Command<T>(Predicate<T>? shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ThrowUnlessBuilding(nameof(Command));
        _building!.Add(message =>
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            handler(typed);
            return true;
        });
    }

    /// <summary>Handles any command not handled by an earlier handler.</summary>
    /// <param name="handler">Handles the command.</param>
    protected void CommandAny(Action<object> handler) => Command<object>(null, handler);

    /// <summary>Replaces the command handlers with those that <paramref name="configure"/> registers with <c>Command</c>.</summary>
    /// <param name="configure">Registers the new command handlers.</param>
    protected void Become(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        List<Func<object, bool>>? previous = _building;
        _building = new List<Func<object, bool>>();
        try
        {
            configure();
            Func<object, bool>[] handlers = [.. _building];
            Become(message => Dispatch(handlers, message));
        }
        finally
        {
            _building = previous;
        }
    }

    /// <inheritdoc />
    protected sealed override bool ReceiveRecover(object message)
    {
        FreezeConstructorHandlers();
        foreach (Func<object, bool> handler in _recoverHandlers)
        {
            if (handler(message)) return true;
        }

        return false;
    }

    /// <inheritdoc />
    protected sealed override bool ReceiveCommand(object message)
    {
        FreezeConstructorHandlers();
        return Dispatch(_commandHandlers, message);
    }

    private static bool Dispatch(Func<object, bool>[] handlers, object message)
    {
        foreach (Func<object, bool> handler in handlers)
        {
            if (handler(message)) return true;
        }

        return false;
    }

    private void FreezeConstructorHandlers()
    {
        // The constructor's registrations end when the first message arrives.
        if (_frozen) return;
        _frozen = true;
        _commandHandlers = [.. _building!];
        _building = null;
    }

    private void ThrowUnlessBuilding(string method)
    {
        if (_building is null)
        {
            throw new InvalidOperationException(
                $"{GetType().Name}: {method} handlers can only be registered in the constructor (Command also inside Become(Action)).");
        }
    }
}
