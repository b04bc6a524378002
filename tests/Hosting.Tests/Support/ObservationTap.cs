using System.Threading.Channels;
using CodeSight.Actors;
using CodeSight.Contracts.Observations;

namespace CodeSight.Hosting.Tests.Support;

/// <summary>Subscribes to a system's observations and lets a test await them, each wait bounded by a timeout.</summary>
internal sealed class ObservationTap
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<Observation> _seen = Channel.CreateUnbounded<Observation>();

    public ObservationTap(ActorSystem system)
    {
        var writer = _seen.Writer;
        var tap = system.ActorOf(Props.Create(() => new TapActor(writer)));
        system.EventStream.Subscribe(tap, typeof(Observation));
    }

    /// <summary>The next observation whose target is <paramref name="target"/>; fails after the timeout.</summary>
    public async Task<Observation> NextFrom(string target)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var observation = await _seen.Reader.ReadAsync(timeout.Token);
            if (observation.Target == target) return observation;
        }
    }

    /// <summary>Every observation seen so far, without waiting.</summary>
    public List<Observation> Drain()
    {
        var all = new List<Observation>();
        while (_seen.Reader.TryRead(out var observation)) all.Add(observation);
        return all;
    }

    private sealed class TapActor(ChannelWriter<Observation> writer) : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is not Observation observation) return false;
            writer.TryWrite(observation);
            return true;
        }
    }
}
