namespace CodeSight.Actors.Tests.Support;

/// <summary>Tells every message it receives to a probe, keeping the original sender.</summary>
public sealed class ReportingActor : ReceiveActor
{
    public ReportingActor(IActorRef probe) => ReceiveAny(message => probe.Tell(message, Sender));
}
