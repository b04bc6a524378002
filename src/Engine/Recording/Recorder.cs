using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CodeSight.Actors;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Clock;
using CodeSight.Engine.Sampling;

namespace CodeSight.Engine.Recording;

/// <summary>
/// The facade for hosts that are not actors — a game loop, an agent loop, a test. Thread-safe; no call blocks or
/// waits for the engine: opening a probe only mints ids, reads the clock and enqueues a message. A trail the head
/// gate drops, or any trail while <see cref="Enabled"/> is off, gets <see cref="ProbeHandle.Noop"/>.
/// </summary>
public sealed class Recorder
{
    private readonly CodeSightEngine _engine;
    private volatile bool _enabled;
    private volatile bool _probesAsActivities;

    internal Recorder(CodeSightEngine engine)
    {
        _engine = engine;
        _enabled = engine.Settings.Enabled;
        _probesAsActivities = engine.ActivitySettings.ProbeScope;
    }

    /// <summary>The master switch: when off, every new trail gets the no-op handle (probes already open carry on).</summary>
    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    /// <summary>
    /// When on, each probe opened through this recorder is <see cref="System.Diagnostics.Activity.Current"/> for the
    /// code that opened it until it closes, with trace id = trail id and span id = probe id (docs/activities.md).
    /// Applies to trails begun or scoped after the change. Default: <c>codesight.activities.probe-scope</c>.
    /// </summary>
    public bool ProbesAsActivities
    {
        get => _probesAsActivities;
        set => _probesAsActivities = value;
    }

    /// <summary>The clock that stamps every probe.</summary>
    public IEngineClock Clock => _engine.Clock;

    /// <summary>Opens a new trail with a fresh id and returns its root probe's handle.</summary>
    /// <param name="name">The root probe's name.</param>
    /// <param name="kind">The root probe's kind.</param>
    /// <param name="attributes">Initial attributes (scrubbed by the engine).</param>
    public ProbeHandle OpenTrail(string name, ProbeKind kind = ProbeKind.Run, IReadOnlyDictionary<string, object?>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_enabled)
        {
            _engine.Counters.TrailsSampledOut.Increment();
            return ProbeHandle.Noop;
        }
        var trailId = MintedTrailIds.Next(out var idHash);
        if (!_engine.Admit(trailId, idHash)) return ProbeHandle.Noop;
        return LiveProbeHandle.Open(_engine.StartMintedTrail(trailId), null, kind, name, attributes, startsTrail: true);
    }

    /// <summary>
    /// A view bound to an existing trail id — one begun here, or in another process that passed the id along. The
    /// same head gate decides, so every process makes the same choice for the same id with the ratio gate.
    /// </summary>
    public TrailRecorder Scope(TrailId trailId)
    {
        if (trailId.IsEmpty) throw new ArgumentException("A trail id must not be empty (all zero).", nameof(trailId));
        if (!_enabled) return TrailRecorder.NotRecording(trailId);
        if (_engine.TryFindTrail(trailId, out var running)) return new TrailRecorder(running);
        if (!_engine.Admit(trailId)) return TrailRecorder.NotRecording(trailId);
        return new TrailRecorder(_engine.FindOrStartTrail(trailId, continued: true));
    }

    /// <summary>
    /// Every signal published from the first <c>MoveNextAsync</c> on, for consumers that are not actors. Each reader
    /// has a buffer of <c>codesight.engine.signals.reader-capacity</c>; a reader that falls further behind loses the
    /// newest signals, counted in <see cref="EngineCounters.SignalsDroppedForSlowReaders"/>. Ends when the system
    /// terminates or <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async IAsyncEnumerable<Signal> Signals([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var counters = _engine.Counters;
        var channel = Channel.CreateBounded<Signal>(
            new BoundedChannelOptions(_engine.Settings.SignalReaderCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => counters.SignalsDroppedForSlowReaders.Increment());
        var system = _engine.System;
        var bridge = system.ActorOf(Props.Create(() => new SignalBridge(channel.Writer)));
        system.EventStream.Subscribe(bridge, typeof(Signal));
        try
        {
            await foreach (var signal in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return signal;
            }
        }
        finally
        {
            system.Stop(bridge);
        }
    }

    /// <summary>Hands published signals to a channel; completes it when stopped.</summary>
    private sealed class SignalBridge(ChannelWriter<Signal> writer) : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is not Signal signal) return false;
            writer.TryWrite(signal);
            return true;
        }

        protected override void PostStop() => writer.TryComplete();
    }
}
