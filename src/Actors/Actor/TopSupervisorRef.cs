using CodeSight.Actors.Dispatch;
using CodeSight.Actors.Events;

namespace CodeSight.Actors;

/// <summary>
/// The parent of the root guardian. It stops the root if it ever fails and tells the system when the root is gone.
/// </summary>
internal sealed class TopSupervisorRef(ActorSystem system, ActorPath path, Action rootTerminated) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public ActorSystem System { get; } = system;

    public bool IsTerminated => false;

    public void Tell(object message, IActorRef? sender) => System.DeadLetter(message, sender, this);

    public void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Failed failed:
                System.Log(LogLevel.Error, failed.Child.Path.ToString(), "The root guardian failed; stopping it.", failed.Cause);
                failed.Child.SendSystemMessage(new Terminate());
                break;
            case ChildTerminated:
                rootTerminated();
                break;
        }
    }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);
}
