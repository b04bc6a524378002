using CodeSight.Actors;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Discovery;
using CodeSight.Engine.Sinks;

namespace CodeSight.Engine.Forwarding;

/// <summary>
/// A sink that forwards the host's probe signals (as <c>open</c>, <c>update</c>, <c>fail</c> and <c>close</c> items) and
/// observations to a live server's <c>ingest</c> over the WebSocket protocol (docs/protocol.md), so the server's dashboard and ledger show a host that
/// runs in another process. It registers with <see cref="SinkHealth"/> as kind <c>forward</c>: written is what the
/// server acknowledged, dropped what a full queue refused, errors what was rejected or lost. The actor only encodes
/// and queues (bounded, never waiting); a task of its own connects, reconnects with backoff and sends. Other sinks
/// and the ledger are untouched, so the host keeps recording embedded whatever happens to the server.
/// </summary>
public sealed class ServerForwardingSink : ActorBase
{
    /// <summary>The sink's actor name under <c>/user</c> when <see cref="ServerForwarding"/> starts it.</summary>
    public const string ActorName = "codesight-forward-sink";

    /// <summary>The kind the sink reports in its <see cref="SinkStats"/>.</summary>
    public const string Kind = "forward";

    private readonly ServerLocation _location;
    private readonly ForwardingSettings _settings;
    private readonly ForwarderCounters _counters;
    private readonly SinkCounters _sinkCounters = new();
    private ForwardingPump? _pump;

    private ServerForwardingSink(ServerLocation location, ForwardingSettings settings, ForwarderCounters counters)
    {
        _location = location;
        _settings = settings;
        _counters = counters;
    }

    /// <summary>Props for a sink forwarding to the server at <paramref name="location"/>.</summary>
    /// <param name="location">A found server (<see cref="ServerLocation.Found"/>), from <see cref="ServerLocator"/>.</param>
    /// <param name="settings">Queue, batch and backoff; <see cref="ForwardingSettings.FromConfig"/> reads them.</param>
    /// <param name="counters">Where the sink counts what it did; read them from any thread.</param>
    /// <exception cref="ArgumentException">No server at <paramref name="location"/>, or invalid settings.</exception>
    public static Props Props(ServerLocation location, ForwardingSettings settings, ForwarderCounters counters)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(counters);
        if (!location.Found) throw new ArgumentException("No server to forward to: " + location.Describe(), nameof(location));
        if (settings.Problem() is { } problem) throw new ArgumentException("Forwarding settings: " + problem, nameof(settings));
        return CodeSight.Actors.Props.Create(() => new ServerForwardingSink(location, settings, counters))
            .WithMailbox(SinkSettings.MailboxId);
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        SinkHealth.Of(Context.System).Tell(new RegisterSink(Self, Kind, _sinkCounters), Self);
        _pump = new ForwardingPump(_location.WebSocketUrl!, _location.Token, _settings, _counters, _sinkCounters);
        Context.System.EventStream.Subscribe(Self, typeof(Signal));
        Context.System.EventStream.Subscribe(Self, typeof(Observation));
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        // Sends what is queued for up to the drain timeout on the pump's own task; the actor does not wait.
        _ = _pump?.StopAsync();
    }

    /// <inheritdoc />
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case Signal signal:
                _pump!.TryEnqueue(IngestItemWriter.Signal(signal));
                return true;
            case Observation observation:
                if (IngestItemWriter.Observation(observation, _counters, out var problem) is { } item)
                {
                    _pump!.TryEnqueue(item);
                }
                else
                {
                    var description = $"observation at '{observation.SightPoint}' not forwarded: {problem}";
                    _counters.NoteError(description);
                    _sinkCounters.NoteError(description);
                    _counters.CountInvalid();
                    _sinkCounters.CountError();
                }

                return true;
            case FlushSink:
                var sender = Sender;
                var self = Self;
                _pump!.WhenIdleAsync(_settings.DrainTimeout)
                    .ContinueWith(_ => sender.Tell(new SinkFlushed(_counters.Acknowledged), self), TaskScheduler.Default);
                return true;
            default:
                return false;
        }
    }
}
