using System.Globalization;
using CodeSight.Actors;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Signals;

namespace ActorHost;

/// <summary>
/// A sink actor: it receives what the engine publishes on the event stream (close signals and completed trails) and
/// keeps a scoreboard, answered to <see cref="GetScore"/>.
/// </summary>
public sealed class ScoreboardSink : ReceiveActor
{
    private readonly Dictionary<string, long> _contactsByAgent = new(StringComparer.Ordinal);
    private long _probesClosed;
    private long _patrols;

    /// <summary>Creates the sink; subscribe it to <see cref="CloseSignal"/> and <see cref="TrailCompleted"/>.</summary>
    public ScoreboardSink()
    {
        Receive<CloseSignal>(_ => _probesClosed++);
        Receive<TrailCompleted>(Count);
        Receive<GetScore>(_ => Sender.Tell(new Score(_probesClosed, _patrols, new Dictionary<string, long>(_contactsByAgent)), Self));
    }

    /// <inheritdoc />
    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void Count(TrailCompleted trail)
    {
        _patrols++;
        if (trail.Root.Attributes.GetValueOrDefault("agent") is not string agent) return;
        var contacts = trail.Probes
            .Where(p => p.Name == "scan")
            .Sum(p => Convert.ToInt64(p.Attributes.GetValueOrDefault("contacts") ?? 0L, CultureInfo.InvariantCulture));
        _contactsByAgent[agent] = _contactsByAgent.GetValueOrDefault(agent) + contacts;
    }
}
