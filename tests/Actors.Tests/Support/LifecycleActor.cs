namespace CodeSight.Actors.Tests.Support;

/// <summary>
/// Reports its lifecycle hooks to a probe as strings "name:PreStart", "name:PostStop", "name:PreRestart",
/// "name:PostRestart"; "fail" makes it throw, "count" increments its state and replies with it, anything else
/// is reported as "name:message".
/// </summary>
public sealed class LifecycleActor : ReceiveActor
{
    private readonly IActorRef _probe;
    private readonly string _name;
    private int _count;

    public LifecycleActor(IActorRef probe, string name)
    {
        _probe = probe;
        _name = name;
        Receive<string>(s => s == "fail", _ => throw new InvalidOperationException($"{_name} was told to fail"));
        Receive<string>(s => s == "count", _ => Sender.Tell(++_count, Self));
        Receive<Props>(props => Sender.Tell(Context.ActorOf(props, "child"), Self));
        ReceiveAny(m => _probe.Tell($"{_name}:{m}", Self));
    }

    protected override void PreStart() => _probe.Tell($"{_name}:PreStart", Self);

    protected override void PostStop() => _probe.Tell($"{_name}:PostStop", Self);

    protected override void PreRestart(Exception reason, object? message)
    {
        _probe.Tell($"{_name}:PreRestart", Self);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _probe.Tell($"{_name}:PostRestart", Self);
        base.PostRestart(reason);
    }
}
