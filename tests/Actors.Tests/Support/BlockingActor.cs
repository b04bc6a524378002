namespace CodeSight.Actors.Tests.Support;

/// <summary>
/// On "block" it tells the probe "blocked" and waits for the gate (at most 10 s); every other message is reported
/// to the probe as is. Lets a test queue messages behind a busy actor.
/// </summary>
public sealed class BlockingActor : ReceiveActor
{
    public BlockingActor(IActorRef probe, ManualResetEventSlim gate)
    {
        Receive<string>(s => s == "block", _ =>
        {
            probe.Tell("blocked", Self);
            gate.Wait(TimeSpan.FromSeconds(10));
        });
        ReceiveAny(m => probe.Tell(m, Self));
    }
}
