using CodeSight.Actors;

namespace CodeSight.TestKit.Internal;

/// <summary>
/// The actor behind a <see cref="TestProbe"/>: it puts every message, with its sender, into the probe's queue, and
/// carries out watch requests on its own turn. It runs on the calling-thread dispatcher, so a message told to it is
/// in the queue before <c>Tell</c> returns to the sender.
/// </summary>
internal sealed class ProbeActor : ActorBase
{
    private readonly ProbeQueue _queue;

    public ProbeActor(ProbeQueue queue) => _queue = queue;

    protected override bool Receive(object message)
    {
        if (message is WatchRequest request)
        {
            if (request.Watch) Context.Watch(request.Target);
            else Context.Unwatch(request.Target);
            request.Done.Set();
            return true;
        }
        // A probe told as sender is seen as its actor, so that LastSender compares equal to probe.Ref.
        _queue.Add(new ReceivedMessage(message, Sender is TestProbe probe ? probe.Ref : Sender));
        return true;
    }
}
