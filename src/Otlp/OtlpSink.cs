using System.Diagnostics;
using CodeSight.Actors;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Activities;
using CodeSight.Engine.Sinks;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CodeSight.Otlp;

/// <summary>
/// Exports closed probes as OpenTelemetry spans over OTLP (HTTP/protobuf or gRPC) to a collector, Jaeger or Tempo,
/// with trace id = trail id and span id = probe id (<see cref="ProbeActivity"/> describes the rest of the mapping).
/// Closed probes queue in the sink's bounded mailbox (<see cref="OtlpSettings.MaxQueueSize"/>; past it the newest are
/// dropped and counted in <see cref="SinkHealth"/>), are batched, and a batch is exported when it holds
/// <see cref="OtlpSettings.MaxBatchSize"/> spans, when <see cref="OtlpSettings.FlushInterval"/> passes, on
/// <see cref="FlushSink"/> and when the sink stops. Exports run on the sink's own thread and never block the engine.
/// In the sink's stats <c>written</c> counts spans handed to the exporter and <c>errors</c> those in batches whose
/// export failed (collector down, refused, timed out); the first failure is published as an error log event.
/// </summary>
public sealed class OtlpSink : SinkActor
{
    /// <summary>The actor's name under <c>/user</c> when started by <see cref="StartConfigured"/>.</summary>
    public const string ActorName = "codesight-otlp-sink";

    private readonly OtlpSettings _settings;
    private readonly List<Activity> _batch = new();
    private TracerProvider? _provider;
    private OtlpTraceExporter? _exporter;

    private OtlpSink(OtlpSettings settings, SinkCounters counters)
        : base("otlp", counters, new FlushPolicy(settings.MaxBatchSize, settings.FlushInterval))
    {
        _settings = settings;
    }

    /// <summary>Props for an OTLP sink.</summary>
    /// <param name="settings">Where and how to export.</param>
    /// <param name="counters">Counters to share, if the caller wants to read them directly.</param>
    public static Props Props(OtlpSettings settings, SinkCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var shared = counters ?? new SinkCounters();
        return CodeSight.Actors.Props.Create(() => new OtlpSink(settings, shared))
            .WithDispatcher(OtlpSettings.DispatcherId)
            .WithMailbox(OtlpSettings.MailboxId);
    }

    /// <summary>Starts the sink described by <c>codesight.otlp</c> when it is enabled there; null when it is not.</summary>
    public static IActorRef? StartConfigured(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var settings = new OtlpSettings(system.Settings.Config);
        return settings.Enabled ? system.ActorOf(Props(settings), ActorName) : null;
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        _exporter = new OtlpTraceExporter(new OtlpExporterOptions
        {
            Endpoint = _settings.Endpoint,
            Protocol = _settings.Protocol,
            Headers = _settings.HeaderText,
            TimeoutMilliseconds = (int)_settings.Timeout.TotalMilliseconds,
        });
        // The exporter takes its resource (service.name) from the provider that owns it. This provider listens to
        // no source: the sink hands the exporter its batches itself.
        _provider = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.Clear().AddService(_settings.ServiceName))
            .AddProcessor(new SimpleActivityExportProcessor(_exporter))
            .Build();
        base.PreStart();
    }

    /// <inheritdoc />
    protected override void Write(Probe probe) => _batch.Add(ProbeActivity.From(probe));

    /// <inheritdoc />
    protected override void FlushOutput()
    {
        if (_batch.Count == 0 || _exporter is null) return;
        var spans = _batch.ToArray();
        _batch.Clear();
        ExportResult result;
        Exception? cause = null;
        try
        {
            // The exporter's HttpClient call must not come back through an Activity bridge as a probe to export.
            using var unbridged = ActivityBridge.Suppress();
            result = _exporter.Export(new Batch<Activity>(spans, spans.Length));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            result = ExportResult.Failure;
            cause = e;
        }
        if (result == ExportResult.Success)
        {
            ReportRecovered("export");
            return;
        }
        CountLost(spans.Length, "export", $"{spans.Length} spans to {_settings.Endpoint} ({ProtocolName}) were not accepted{(cause is null ? "" : ": " + cause.Message)}", cause);
    }

    /// <inheritdoc />
    protected override void CloseOutput()
    {
        _provider?.Dispose();
        _provider = null;
        _exporter = null;
    }

    private string ProtocolName => _settings.Protocol == OtlpExportProtocol.Grpc ? "grpc" : "http/protobuf";
}
