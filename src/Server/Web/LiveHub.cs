using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CodeSight.Contracts.Observations;
using CodeSight.Engine;
using CodeSight.Engine.Sight;
using CodeSight.Actors;
using CodeSight.Engine.Sinks;
using CodeSight.Server.Web.Protocol;

namespace CodeSight.Server.Web;

/// <summary>
/// The fan-out point between the engine and the connected clients. <see cref="Publish"/> keeps a bounded backlog
/// and offers each item to every client's bounded queue; it never waits for a client, so a stalled browser costs the
/// engine one failed enqueue per item (counted as a drop for that client). A timer sends each client its stats and
/// the sight state.
/// </summary>
internal sealed class LiveHub : IAsyncDisposable
{
    private readonly CodeSightEngine _engine;
    private readonly ServerSettings _settings;
    private readonly ConcurrentDictionary<ClientSession, byte> _clients = new();
    private readonly ConcurrentDictionary<string, byte> _manualMetrics = new(StringComparer.Ordinal);
    private readonly Lock _backlogLock = new();
    private readonly Queue<(long Sequence, LiveItem Item)>[] _backlog;
    private readonly int[] _backlogCaps;
    private readonly long[] _published = new long[4];
    private readonly long[] _publishedAtLastStats = new long[4];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _ticker;
    private long _sequence;
    private long _dropped;
    private long _ingested;
    private long _ingestRejected;
    private long _commands;
    private long _lastStatsTicks = Stopwatch.GetTimestamp();
    private volatile SinkStatsReport _sinks = new([]);

    public LiveHub(CodeSightEngine engine, ServerSettings settings)
    {
        _engine = engine;
        _settings = settings;
        _backlogCaps = [settings.BacklogSignals, settings.BacklogObservations, settings.BacklogAlerts, settings.BacklogTrails];
        _backlog = [new(), new(), new(), new()];
        _ticker = Task.Run(() => TickAsync(_stop.Token));
    }

    public CodeSightEngine Engine => _engine;

    public SightRegistry Sight => _engine.Sight;

    public ServerSettings Settings => _settings;

    public int ClientCount => _clients.Count;

    public IEnumerable<ClientSession> Clients => _clients.Keys;

    /// <summary>Messages dropped for slow clients since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public long Published(LiveKind kind) => Interlocked.Read(ref _published[(int)kind]);

    public void Publish(LiveItem item)
    {
        var kind = (int)item.Kind;
        Interlocked.Increment(ref _published[kind]);
        if (_backlogCaps[kind] > 0)
        {
            lock (_backlogLock)
            {
                var queue = _backlog[kind];
                if (queue.Count == _backlogCaps[kind]) queue.Dequeue();
                queue.Enqueue((++_sequence, item));
            }
        }

        foreach (var client in _clients.Keys) client.Offer(item);
    }

    /// <summary>Remembers the names of manual metrics, so the dashboard can offer thresholds on them.</summary>
    public void NoteObservation(Observation observation)
    {
        if (observation.SightPoint == SightRegistry.MetricPoint && observation.Payload is MetricPayload metric && _manualMetrics.Count < 256)
        {
            _manualMetrics.TryAdd(metric.Name, 0);
        }
    }

    public void Register(ClientSession client) => _clients.TryAdd(client, 0);

    public void Unregister(ClientSession client) => _clients.TryRemove(client, out _);

    public void CountDrop(int messages = 1) => Interlocked.Add(ref _dropped, messages);

    public void CountIngested(int items) => Interlocked.Add(ref _ingested, items);

    public void CountIngestRejected() => Interlocked.Increment(ref _ingestRejected);

    public void CountCommand() => Interlocked.Increment(ref _commands);

    /// <summary>A <c>backlog</c> message with the kept items that pass <paramref name="filter"/>, oldest first.</summary>
    public byte[] Backlog(ClientFilter filter)
    {
        List<(long Sequence, LiveItem Item)> items;
        lock (_backlogLock)
        {
            items = _backlog.SelectMany(q => q).Where(x => filter.Matches(x.Item)).ToList();
        }

        items.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return WireWriter.Backlog(items.Select(x => x.Item));
    }

    public byte[] SightState() => StateWriter.Sight(_engine.Sight, _manualMetrics.Keys);

    /// <summary>Sends the sight state to every client at once (after a command changed it).</summary>
    public void BroadcastSight()
    {
        var state = SightState();
        foreach (var client in _clients.Keys) client.Send(state);
    }

    public HubCounters Counters() => new(_clients.Count, Dropped, Interlocked.Read(ref _ingested), Interlocked.Read(ref _ingestRejected), Interlocked.Read(ref _commands));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _ticker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The ticker ends by cancellation.
        }

        _stop.Dispose();
    }

    private async Task TickAsync(CancellationToken cancel)
    {
        using var timer = new PeriodicTimer(_settings.StatsInterval);
        while (await timer.WaitForNextTickAsync(cancel).ConfigureAwait(false))
        {
            try
            {
                await RefreshSinksAsync(cancel).ConfigureAwait(false);
                SendStats();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed tick must not end the ticker: the next one tries again with fresh numbers.
                Console.Error.WriteLine("codesight server: stats tick failed: " + e.Message);
            }
        }
    }

    /// <summary>Asks <see cref="SinkHealth"/> for every sink's counters; on a late answer the last report stays.</summary>
    internal async Task RefreshSinksAsync(CancellationToken cancel)
    {
        try
        {
            var wait = TimeSpan.FromTicks(Math.Min(_settings.StatsInterval.Ticks, TimeSpan.TicksPerSecond));
            _sinks = await SinkHealth.Of(_engine.System).Ask<SinkStatsReport>(GetSinkStats.Instance, wait, cancel).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The health actor is busy: the stats go out with the previous sink report rather than late.
        }
    }

    /// <summary>Sends every client its stats and the sight state; public to tests through <c>InternalsVisibleTo</c>.</summary>
    internal void SendStats()
    {
        if (_clients.IsEmpty)
        {
            SnapshotRates();
            return;
        }

        // Each client's own counters are read before the shared ones: a client's drop counts into the hub's total
        // first, so read in this order the total is never behind the sum of the clients, even mid-flood.
        var clients = _clients.Keys.Select(c => (Client: c, Sent: c.Sent, Dropped: c.Dropped, Queued: c.Queued)).ToList();
        var rates = SnapshotRates();
        var shared = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(shared))
        {
            writer.WriteStartObject();
            StateWriter.SharedStats(writer, _engine, rates, Counters(), _sinks);
            writer.WriteEndObject();
        }

        // The shared object's members are spliced into each client's message after its own fields.
        var sharedMembers = shared.WrittenSpan[1..^1].ToArray();
        var sight = SightState();
        var now = _engine.Clock.NowMicros();
        foreach (var (client, sent, dropped, queued) in clients)
        {
            client.Send(ClientStats(sent, dropped, queued, sharedMembers, now));
            client.Send(sight);
        }
    }

    private byte[] ClientStats(long sent, long dropped, int queued, byte[] sharedMembers, long now)
    {
        var head = WireWriter.Write(w =>
        {
            w.WriteString("type"u8, "stats"u8);
            w.WritePropertyName("at"u8);
            WireWriter.Millis(w, now);
            w.WriteNumber("intervalMs"u8, _settings.StatsInterval.TotalMilliseconds);
            w.WriteStartObject("client"u8);
            w.WriteNumber("sent"u8, sent);
            w.WriteNumber("dropped"u8, dropped);
            w.WriteNumber("queued"u8, queued);
            w.WriteEndObject();
        });
        var message = new byte[head.Length + 1 + sharedMembers.Length];
        head.AsSpan(0, head.Length - 1).CopyTo(message);
        message[head.Length - 1] = (byte)',';
        sharedMembers.CopyTo(message, head.Length);
        message[^1] = (byte)'}';
        return message;
    }

    private StatsRates SnapshotRates()
    {
        var nowTicks = Stopwatch.GetTimestamp();
        var seconds = Math.Max(1e-3, Stopwatch.GetElapsedTime(Interlocked.Exchange(ref _lastStatsTicks, nowTicks), nowTicks).TotalSeconds);
        Span<double> rates = stackalloc double[4];
        for (var i = 0; i < 4; i++)
        {
            var current = Interlocked.Read(ref _published[i]);
            rates[i] = (current - _publishedAtLastStats[i]) / seconds;
            _publishedAtLastStats[i] = current;
        }

        return new StatsRates(rates[0], rates[1], rates[2], rates[3]);
    }
}
