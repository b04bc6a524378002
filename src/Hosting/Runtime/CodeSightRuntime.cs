using CodeSight.Actors;
using CodeSight.Actors.Configuration;
using CodeSight.Engine;
using CodeSight.Engine.Forwarding;
using CodeSight.Engine.Recording;
using CodeSight.Engine.Sinks;
using CodeSight.Hosting.Configuration;
using CodeSight.Persistence.Ledger;

namespace CodeSight.Hosting.Runtime;

/// <summary>
/// One running CodeSight: the actor system, the engine, the sinks that the configuration switches on and, when
/// <c>codesight.hosting.ledger</c> is on, the ledger. <c>services.AddCodeSight</c> builds one per host; programs
/// without a host (a game loop, a command-line tool) can use it directly. <see cref="StopAsync"/> ends it gracefully.
/// </summary>
public sealed class CodeSightRuntime : IAsyncDisposable, IDisposable
{
    /// <summary>The ledger actor's name under <c>/user</c>.</summary>
    public const string LedgerName = "codesight-ledger";

    private readonly Lock _stopLock = new();
    private Task<CodeSightStopReport>? _stopping;

    private CodeSightRuntime(ActorSystem system, CodeSightEngine engine, HostingSettings hosting, IReadOnlyList<IActorRef> sinks, IActorRef? ledger, LedgerSettings? ledgerSettings, LedgerCounters? ledgerCounters, ForwardingChoice? forwarding)
    {
        Forwarding = forwarding;
        System = system;
        Engine = engine;
        Hosting = hosting;
        Sinks = sinks;
        Ledger = ledger;
        LedgerSettings = ledgerSettings;
        LedgerCounters = ledgerCounters;
    }

    /// <summary>The actor system everything runs in.</summary>
    public ActorSystem System { get; }

    /// <summary>The tracing plane.</summary>
    public CodeSightEngine Engine { get; }

    /// <summary>The recorder facade (the engine's).</summary>
    public Recorder Recorder => Engine.Recorder;

    /// <summary>The <c>codesight.hosting</c> settings in force.</summary>
    public HostingSettings Hosting { get; }

    /// <summary>
    /// The sinks started from <c>codesight.engine.sinks</c> and <see cref="CodeSightSinkOptions.Additional"/>, then the
    /// server-forwarding sink when <c>codesight.hosting.forward</c> found a server, in start order.
    /// </summary>
    public IReadOnlyList<IActorRef> Sinks { get; }

    /// <summary>
    /// What the server search decided when <c>codesight.hosting.forward</c> is on (the server found and the
    /// forwarder's counters, or the notes of a search that found none); null when forwarding is off.
    /// </summary>
    public ForwardingChoice? Forwarding { get; }

    /// <summary>The ledger actor, or null when the ledger is off.</summary>
    public IActorRef? Ledger { get; }

    /// <summary>The ledger's settings, or null when the ledger is off.</summary>
    public LedgerSettings? LedgerSettings { get; }

    /// <summary>The ledger's counters (appended, failed...), or null when the ledger is off.</summary>
    public LedgerCounters? LedgerCounters { get; }

    /// <summary>False from the moment <see cref="StopAsync"/> begins: bridges stop handing the engine new work.</summary>
    public bool IsRunning => Volatile.Read(ref _stopping) is null;

    /// <summary>
    /// Starts the system, the configured sinks (and, when <c>codesight.hosting.forward</c> is on and a server is found,
    /// the sink that forwards to it), the ledger when switched on, and the engine, in that order so that the sinks and
    /// the ledger see everything the engine publishes.
    /// </summary>
    /// <param name="options">What to start.</param>
    /// <param name="section">Where the options came from (a configuration section path), used to name a bad key.</param>
    /// <exception cref="ConfigurationException">An option or setting is invalid; the message names its key and value.</exception>
    public static CodeSightRuntime Start(CodeSightOptions options, string section = CodeSightOptions.SectionName)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new CodeSightOptionsValidator(section).Validate(null, options);
        if (validation.Failed) throw new ConfigurationException(validation.FailureMessage);
        var system = ActorSystem.Create(options.SystemName, OptionsConfig.Build(options, section));
        try
        {
            var config = system.Settings.Config;
            var hosting = new HostingSettings(config);
            ForwardingChoice? forwarding = null;
            IEnumerable<Func<ActorSystem, IActorRef?>> additional = options.Sinks.Additional;
            if (hosting.Forward)
            {
                // The search reads the environment and files and may probe the default port (bounded by its timeout).
                forwarding = ServerForwarding.StartAsync(system, options.ServerLocator).GetAwaiter().GetResult();
                if (forwarding.Sink is { } forwarder) additional = [.. additional, _ => forwarder];
            }

            var sinks = ConfiguredSinks.Start(system, options.ConsoleOut, additional);
            IActorRef? ledger = null;
            LedgerSettings? ledgerSettings = null;
            LedgerCounters? ledgerCounters = null;
            if (hosting.Ledger)
            {
                ledgerSettings = LedgerSettings.FromConfig(config);
                ledgerCounters = new LedgerCounters();
                ledger = LedgerActor.Start(system, ledgerSettings, ledgerCounters, LedgerName);
            }

            var engine = CodeSightEngine.Start(system, options.Engine);
            return new CodeSightRuntime(system, engine, hosting, sinks, ledger, ledgerSettings, ledgerCounters, forwarding);
        }
        catch
        {
            system.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stops gracefully: admits no new trail, waits up to <c>codesight.hosting.drain-timeout</c> for running trails to
    /// complete, stops the engine, flushes and stops every sink and the ledger, then terminates the system. Each step
    /// is bounded by <c>codesight.hosting.step-timeout</c> and by <paramref name="cancellationToken"/> (a host's
    /// shutdown timeout); a step that fails or runs out of time is listed in the report, and the stop goes on.
    /// Calling it again returns the first call's report.
    /// </summary>
    public Task<CodeSightStopReport> StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_stopLock)
        {
            return _stopping ??= StopOnceAsync(cancellationToken);
        }
    }

    /// <summary>Stops as <see cref="StopAsync"/> does, ignoring the report.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Stops as <see cref="StopAsync"/> does, blocking the caller until it is done (for containers that dispose synchronously).</summary>
    public void Dispose() => StopAsync().GetAwaiter().GetResult();

    private async Task<CodeSightStopReport> StopOnceAsync(CancellationToken cancellationToken)
    {
        // Run the stop off the caller's lock and synchronization context.
        await Task.Yield();
        var problems = new List<string>();
        var step = Hosting.StepTimeout;
        Recorder.Enabled = false;
        var left = await DrainAsync(cancellationToken).ConfigureAwait(false);
        if (left > 0)
        {
            problems.Add($"{left} trail(s) were still running after the drain ({Hosting.DrainTimeout.TotalMilliseconds:0} ms); their open probes were not closed and reached no sink or ledger.");
        }

        await Step(() => Engine.StopAsync(step), "stopping the engine's trail actors", problems).ConfigureAwait(false);
        var flushed = new List<string>();
        foreach (var sink in Sinks)
        {
            if (await Step(() => sink.Ask<SinkFlushed>(FlushSink.Instance, step, cancellationToken), $"flushing the sink {sink.Path}", problems).ConfigureAwait(false))
            {
                flushed.Add(sink.Path.ToString());
            }

            await Step(() => sink.GracefulStop(step), $"stopping the sink {sink.Path}", problems).ConfigureAwait(false);
        }

        LedgerFlushed? ledger = null;
        if (Ledger is not null)
        {
            await Step(async () => ledger = await Ledger.Ask<LedgerFlushed>(FlushLedger.Instance, step, cancellationToken).ConfigureAwait(false), $"flushing the ledger {LedgerSettings!.Path}", problems).ConfigureAwait(false);
            if (ledger is { Failed: > 0 } failed)
            {
                problems.Add($"The ledger {LedgerSettings!.Path} could not persist {failed.Failed} entr{(failed.Failed == 1 ? "y" : "ies")} (see its LedgerCounters).");
            }

            await Step(() => Ledger.GracefulStop(step), $"stopping the ledger {LedgerSettings!.Path}", problems).ConfigureAwait(false);
        }

        IReadOnlyList<SinkStats> stats = [];
        if (Sinks.Count > 0)
        {
            await Step(async () => stats = (await SinkHealth.Of(System).Ask<SinkStatsReport>(GetSinkStats.Instance, step, cancellationToken).ConfigureAwait(false)).Sinks, "reading the sinks' totals", problems).ConfigureAwait(false);
            foreach (var sink in stats.Where(s => s.Dropped > 0 || s.Errors > 0))
            {
                problems.Add($"The {sink.Kind} sink {sink.Sink} dropped {sink.Dropped} signal(s) and failed {sink.Errors} write(s); it wrote {sink.Written}.");
            }
        }

        var terminated = await Step(() => System.Terminate().WaitAsync(step, cancellationToken), "terminating the actor system", problems).ConfigureAwait(false);
        System.Dispose();
        return new CodeSightStopReport(left, flushed, stats, ledger, terminated, problems);
    }

    private async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Hosting.DrainTimeout;
        try
        {
            // A trail completes on its own actor once its root closes; there is no completion signal to await for
            // "all of them", so look every few milliseconds.
            while (Engine.RunningTrails > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out: report what is left and go on flushing.
        }

        return Engine.RunningTrails;
    }

    private static async Task<bool> Step(Func<Task> action, string what, List<string> problems)
    {
        try
        {
            await action().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            problems.Add($"Not done in time: {what} ({e.Message}).");
            return false;
        }
        catch (Exception e)
        {
            // A stop must go on to its end whatever one step does; the failure is reported, not thrown.
            problems.Add($"Failed: {what} ({e.GetType().Name}: {e.Message}).");
            return false;
        }
    }
}
