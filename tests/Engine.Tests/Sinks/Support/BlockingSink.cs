using CodeSight.Actors;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Sinks;

namespace CodeSight.Engine.Tests.Sinks.Support;

/// <summary>A deliberately slow sink: every write announces itself, then waits until the test opens the gate.</summary>
internal sealed class BlockingSink : SinkActor
{
    private readonly SemaphoreSlim _gate;
    private readonly SemaphoreSlim _entered;
    private readonly List<string> _names;

    private BlockingSink(SemaphoreSlim gate, SemaphoreSlim entered, List<string> names, SinkCounters counters)
        : base("blocking", counters, FlushPolicy.EveryRecord)
    {
        _gate = gate;
        _entered = entered;
        _names = names;
    }

    public static Props Props(SemaphoreSlim gate, SemaphoreSlim entered, List<string> names, SinkCounters counters) =>
        CodeSight.Actors.Props.Create(() => new BlockingSink(gate, entered, names, counters)).WithMailbox(SinkSettings.MailboxId);

    protected override void Write(Probe probe)
    {
        _entered.Release();
        _gate.Wait();
        lock (_names) _names.Add(probe.Name);
    }

    protected override void FlushOutput() { }
}
