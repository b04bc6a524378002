using CodeSight.Actors.Dispatch;

namespace CodeSight.Actors;

/// <summary>The kernel's side of a reference: lifecycle (system) messages and liveness.</summary>
internal interface IInternalActorRef : IActorRef
{
    /// <summary>The system the referenced actor belongs to.</summary>
    ActorSystem System { get; }

    /// <summary>Delivers a lifecycle message, ahead of ordinary messages.</summary>
    void SendSystemMessage(SystemMessage message);

    /// <summary>True once the actor has stopped for good.</summary>
    bool IsTerminated { get; }
}
