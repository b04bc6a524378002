using System.Runtime.ExceptionServices;
using CodeSight.Actors.Dispatch;
using CodeSight.Actors.Events;
using CodeSight.Actors.Supervision;

namespace CodeSight.Actors;

internal sealed partial class ActorCell
{
    /// <summary>
    /// The actor threw: suspend it and its children and ask the parent what to do. The failing message is not
    /// redelivered, whatever the parent decides.
    /// </summary>
    private void HandleInvokeFailure(Exception cause, object? message)
    {
        var what = message is null ? "" : $" while processing {message.GetType().Name}";
        if (_lifecycle != Alive || _awaitingSupervisor)
        {
            // Already stopping, or already waiting for a decision: report, but do not ask twice.
            System.Log(LogLevel.Error, Self.Path.ToString(), $"{ActorName} failed again{what}: {cause.Message}", cause);
            return;
        }
        _awaitingSupervisor = true;
        Mailbox.Suspend();
        foreach (var child in ChildStatsSnapshot()) child.Child.SendSystemMessage(new Suspend());
        System.Log(LogLevel.Error, Self.Path.ToString(), $"{ActorName} failed{what}: {cause.Message}", cause);
        _parent.SendSystemMessage(new Failed(SelfRef, cause, message));
    }

    private string ActorName => _actor?.GetType().Name ?? Self.Path.Name;

    private void FaultSuspend()
    {
        Mailbox.Suspend();
        foreach (var child in ChildStatsSnapshot()) child.Child.SendSystemMessage(new Suspend());
    }

    private void FaultResume(Exception? causedByFailure)
    {
        if (_actor is null && causedByFailure is not null && _lifecycle == Alive)
        {
            // Resuming an actor whose creation failed would leave it without an instance: create it again.
            FaultRecreate(causedByFailure);
            return;
        }
        _awaitingSupervisor = false;
        Mailbox.Resume();
        foreach (var child in ChildStatsSnapshot()) child.Child.SendSystemMessage(new Resume(null));
    }

    /// <summary>Restart: PreRestart on the old instance, wait for the children it stops, then a fresh instance.</summary>
    private void FaultRecreate(Exception cause)
    {
        if (_lifecycle != Alive) return;
        var failed = _actor;
        if (failed is not null)
        {
            try
            {
                failed.PreRestart(cause, _current.Message);
            }
            catch (Exception e)
            {
                System.Log(LogLevel.Error, Self.Path.ToString(), $"PreRestart of {failed.GetType().Name} threw: {e.Message}", e);
            }
            finally
            {
                ClearActorState(failed);
            }
        }
        if (ChildCounts().Stopping > 0) (_extras ??= new Extras()).PendingRecreate = cause;
        else FinishRecreate(cause);
    }

    private void ClearActorState(ActorBase actor)
    {
        actor.TimersIfCreated?.CancelAll();
        CancelReceiveTimeout();
        if (_extras is not null)
        {
            _extras.Behaviors.Clear();
            _extras.ReceiveTimeout = null;
        }
        actor.StashIfCreated?.UnstashAll();
        if (_extras is not null)
        {
            // The next instance starts with a stash and timers of its own.
            _extras.Stash = null;
            _extras.Timers = null;
        }
        _behavior = null;
        _current = default;
        if (_asyncPending)
        {
            _asyncPending = false;
            Mailbox.Resume();
        }
    }

    private void FinishRecreate(Exception cause)
    {
        if (_extras is not null) _extras.PendingRecreate = null;
        _awaitingSupervisor = false;
        _actor = null;
        Mailbox.Resume();
        var survivors = ChildStatsSnapshot();
        try
        {
            var fresh = Props.NewActor();
            _actor = fresh;
            fresh.PostRestart(cause);
        }
        catch (Exception e)
        {
            _actor = null;
            HandleInvokeFailure(new ActorInitializationException(Self, $"Restarting actor {Self.Path} failed: {e.Message}", e), null);
            return;
        }
        foreach (var child in survivors) child.Child.SendSystemMessage(new Resume(cause));
    }

    /// <summary>A child failed: apply this actor's supervisor strategy, or escalate.</summary>
    private void HandleFailed(Failed failed)
    {
        if (!TryGetChildStats(failed.Child, out var stats, out var stopping) || stopping) return;
        var strategy = _actor?.SupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy;
        if (strategy.HandleFailure(this, stats, failed.Cause, ChildStatsSnapshot())) return;

        if (IsGuardian)
        {
            // Nothing above a guardian can make a better decision: stop the child that escalated.
            System.Log(LogLevel.Error, Self.Path.ToString(), $"Failure of {failed.Child.Path} escalated to a guardian; stopping it.", failed.Cause);
            Stop(failed.Child);
            return;
        }
        ExceptionDispatchInfo.Capture(failed.Cause).Throw();
    }

    internal void ResumeChild(IInternalActorRef child, Exception cause) => child.SendSystemMessage(new Resume(cause));

    internal void RestartChild(IInternalActorRef child, Exception cause, bool suspendFirst)
    {
        if (suspendFirst) child.SendSystemMessage(new Suspend());
        child.SendSystemMessage(new Recreate(cause));
    }

    // ---- stopping ----------------------------------------------------------------------------------------------

    private void HandleTerminate()
    {
        if (_lifecycle != Alive) return;
        _lifecycle = Terminating;
        if (_actor is { } actor)
        {
            actor.TimersIfCreated?.CancelAll();
        }
        CancelReceiveTimeout();
        Mailbox.Suspend();

        if (ChildCounts().Remaining == 0)
        {
            FinishTerminate(); // the common case: no snapshot list to allocate
            return;
        }
        foreach (var child in ChildStatsSnapshot()) Stop(child.Child);
    }

    private void FinishTerminate()
    {
        if (_lifecycle == TerminatedState) return;
        var actor = _actor;
        try
        {
            actor?.PostStop();
        }
        catch (Exception e)
        {
            System.Log(LogLevel.Error, Self.Path.ToString(), $"PostStop of {actor!.GetType().Name} threw: {e.Message}", e);
        }
        finally
        {
            _lifecycle = TerminatedState;
            if (actor?.StashIfCreated is { } stash)
            {
                foreach (var envelope in stash.ClearStash()) System.DeadLetter(envelope.Message, envelope.Sender, Self);
            }
            // Clean up everything first: a watcher told of the death must find no trace of the actor left.
            if (_extras?.SubscribedToEventStream == true) System.EventStream.Unsubscribe(Self);
            Mailbox.BecomeClosed();
            Mailbox.DrainToDeadLetters();
            UnwatchWatchedActors();
            TellWatchersWeDied();
            _actor = null;
            _behavior = null;
            _current = default;
            _parent.SendSystemMessage(new ChildTerminated(SelfRef));
        }
    }
}
