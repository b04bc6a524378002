namespace CodeSight.Actors.Tests.Support;

/// <summary>Replies to every message with the same message.</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(message => Sender.Tell(message, Self));
}
