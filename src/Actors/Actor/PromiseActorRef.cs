using CodeSight.Actors.Dispatch;
using CodeSight.Actors.Scheduling;

namespace CodeSight.Actors;

/// <summary>
/// A one-shot reference under <c>/temp</c> that completes a task with the first message it receives (or with
/// <see cref="Terminated"/> when the actor it watches stops). It fails the task on timeout.
/// </summary>
internal sealed class PromiseActorRef : IInternalActorRef
{
    private readonly TaskCompletionSource<object?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ICancelable? _timer;

    public PromiseActorRef(ActorSystem system, TimeSpan timeout, Func<string> describeTimeout, CancellationToken cancellationToken)
    {
        System = system;
        Path = system.NewTempPath();
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = system.Scheduler.ScheduleOnce(timeout, () => _completion.TrySetException(new AskTimeoutException(describeTimeout())));
        }
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(static s => ((PromiseActorRef)s!).Cancel(), this);
        }
        _completion.Task.ContinueWith(static (_, s) => ((PromiseActorRef)s!)._timer?.Cancel(), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public ActorPath Path { get; }

    public ActorSystem System { get; }

    public Task<object?> Task => _completion.Task;

    public bool IsTerminated => _completion.Task.IsCompleted;

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var accepted = message is Status.Failure failure ? _completion.TrySetException(failure.Cause) : _completion.TrySetResult(message);
        if (!accepted) System.DeadLetter(message, sender, this);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification notification)
        {
            _completion.TrySetResult(new Terminated(notification.Actor, notification.ExistenceConfirmed));
        }
    }

    private void Cancel() => _completion.TrySetCanceled();

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override string ToString() => $"[{Path}]";
}
