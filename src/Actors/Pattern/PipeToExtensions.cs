namespace CodeSight.Actors;

/// <summary>Delivering the outcome of a task to an actor as a message.</summary>
public static class PipeToExtensions
{
    /// <summary>
    /// When <paramref name="task"/> completes, tells its result (mapped by <paramref name="success"/> if given) to
    /// <paramref name="recipient"/>, or a <see cref="Status.Failure"/> (mapped by <paramref name="failure"/>) if it failed.
    /// </summary>
    public static Task PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                object? result = success is null ? t.Result : success(t.Result);
                recipient.Tell(result ?? new Status.Success(null), sender);
            }
            else
            {
                var cause = Unwrap(t);
                recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// When <paramref name="task"/> completes, tells <see cref="Status.Success"/> (or <paramref name="success"/>'s
    /// message) to <paramref name="recipient"/>, or a <see cref="Status.Failure"/> if it failed.
    /// </summary>
    public static Task PipeTo(this Task task, IActorRef recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) recipient.Tell(success is null ? new Status.Success(null) : success(), sender);
            else
            {
                var cause = Unwrap(t);
                recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static Exception Unwrap(Task task) => task.IsCanceled
        ? new TaskCanceledException(task)
        : task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
}
