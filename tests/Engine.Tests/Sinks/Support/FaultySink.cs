using CodeSight.Actors;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Sinks;

namespace CodeSight.Engine.Tests.Sinks.Support;

/// <summary>A sink whose write throws a non-I/O exception for probes named "crash", so that its supervisor restarts it.</summary>
internal sealed class FaultySink : SinkActor
{
    private FaultySink(SinkCounters counters)
        : base("faulty", counters, FlushPolicy.EveryRecord)
    {
    }

    public static Props Props(SinkCounters counters) =>
        CodeSight.Actors.Props.Create(() => new FaultySink(counters)).WithMailbox(SinkSettings.MailboxId);

    protected override void Write(Probe probe)
    {
        if (probe.Name == "crash") throw new InvalidOperationException("a bug in the sink");
    }

    protected override void FlushOutput() { }
}
