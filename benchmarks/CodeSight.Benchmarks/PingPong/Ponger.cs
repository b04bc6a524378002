using CodeSight.Actors;

namespace CodeSight.Benchmarks.PingPong;

/// <summary>Sends every ball straight back to whoever threw it.</summary>
public sealed class Ponger : UntypedActor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}
