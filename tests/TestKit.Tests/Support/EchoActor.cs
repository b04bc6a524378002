using Xunit;
using CodeSight.Actors;

namespace CodeSight.TestKit.Tests.Support;

/// <summary>Replies to every message with the same message.</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(message => Sender.Tell(message, Self));
}
