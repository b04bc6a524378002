using CodeSight.Actors.Dispatch;

namespace CodeSight.Actors;

/// <summary>Request-response with actors from code that is not an actor, and graceful stopping.</summary>
public static class AskExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary reply-to reference as sender and completes with the first
    /// reply. A <see cref="Status.Failure"/> reply fails the task with its cause.
    /// </summary>
    /// <param name="target">The actor to ask.</param>
    /// <param name="message">The question.</param>
    /// <param name="timeout">How long to wait; null for <c>codesight.actor.ask-timeout</c>.</param>
    /// <param name="cancellationToken">Cancels the wait (the message is still delivered).</param>
    /// <exception cref="AskTimeoutException">No reply within the timeout (the message names target and message type).</exception>
    public static Task<object?> Ask(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var system = SystemOf(target);
        var wait = timeout ?? system.Settings.AskTimeout;
        if (wait <= TimeSpan.Zero && wait != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(timeout), wait, "An ask timeout must be positive.");
        var promise = new PromiseActorRef(system, wait,
            () => $"Ask timed out on {target.Path} after {wait.TotalMilliseconds:0} ms: no reply to {message.GetType().Name}.", cancellationToken);
        target.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>Like <see cref="Ask(IActorRef, object, TimeSpan?, CancellationToken)"/>, expecting a reply of type <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidCastException">The reply was of another type (the message names both).</exception>
    public static async Task<T> Ask<T>(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var reply = await Ask(target, message, timeout, cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            T typed => typed,
            Status.Success { Value: T value } => value,
            _ => throw new InvalidCastException(
                $"Ask to {target.Path} expected a reply of type {typeof(T).Name} but received {reply?.GetType().Name ?? "null"}: {reply}."),
        };
    }

    /// <summary>
    /// Sends <see cref="PoisonPill"/> and completes with true once the actor has stopped (after the messages queued
    /// before it).
    /// </summary>
    /// <exception cref="AskTimeoutException">The actor had not stopped within <paramref name="timeout"/>.</exception>
    public static async Task<bool> GracefulStop(this IActorRef target, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        var system = SystemOf(target);
        var internalTarget = (IInternalActorRef)target;
        var watcher = new PromiseActorRef(system, timeout,
            () => $"GracefulStop of {target.Path} did not complete within {timeout.TotalMilliseconds:0} ms.", CancellationToken.None);
        internalTarget.SendSystemMessage(new Watch(internalTarget, watcher));
        target.Tell(PoisonPill.Instance, null);
        try
        {
            await watcher.Task.ConfigureAwait(false);
            return true;
        }
        catch (AskTimeoutException)
        {
            internalTarget.SendSystemMessage(new Unwatch(internalTarget, watcher));
            throw;
        }
    }

    private static ActorSystem SystemOf(IActorRef target) => target is IInternalActorRef internalRef
        ? internalRef.System
        : throw new ArgumentException($"{target} is not an actor of a CodeSight actor system.", nameof(target));
}
