using System.Text.Json;
using CodeSight.Contracts.Observations;
using CodeSight.Engine;
using CodeSight.Engine.Sight;
using CodeSight.Engine.Sinks;
using CodeSight.Server.Web.Ledger;

namespace CodeSight.Server.Web.Protocol;

/// <summary>Serializes the server's state messages of protocol v1: <c>hello</c>, <c>sight</c>, <c>stats</c> and <c>ledger</c>.</summary>
internal static class StateWriter
{
    public const int ProtocolVersion = 1;

    private static readonly string[] ManualPoints = [SightRegistry.LogPoint, SightRegistry.MetricPoint, SightRegistry.ImagePoint, SightRegistry.TensorPoint];

    public static byte[] Hello(string serverName, long startedAtMicros, bool authorized, bool tokenRequiredToRead, bool ledger) => WireWriter.Write(w =>
    {
        w.WriteString("type"u8, "hello"u8);
        w.WriteNumber("protocol"u8, ProtocolVersion);
        w.WriteStartObject("server"u8);
        w.WriteString("name"u8, "codesight");
        w.WriteString("host"u8, serverName);
        w.WriteString("version"u8, typeof(StateWriter).Assembly.GetName().Version?.ToString() ?? "0.0.0");
        w.WriteNumber("pid"u8, Environment.ProcessId);
        w.WritePropertyName("startedAt"u8);
        WireWriter.Millis(w, startedAtMicros);
        w.WriteEndObject();
        w.WriteBoolean("authorized"u8, authorized);
        w.WriteBoolean("tokenRequiredToRead"u8, tokenRequiredToRead);
        w.WriteBoolean("ledger"u8, ledger);
        w.WriteStartArray("modalities"u8);
        foreach (var modality in Enum.GetValues<Modality>()) w.WriteStringValue(Modalities.WireName(modality));
        w.WriteEndArray();
        w.WriteStartArray("commands"u8);
        foreach (var command in SightCommands.Names.Split(", ")) w.WriteStringValue(command);
        w.WriteEndArray();
    });

    /// <summary>The instrumentation as it stands: master switch, points with thresholds, manual kinds, log rules.</summary>
    public static byte[] Sight(SightRegistry sight, IEnumerable<string> manualMetrics) => WireWriter.Write(w =>
    {
        w.WriteString("type"u8, "sight"u8);
        w.WriteBoolean("enabled"u8, sight.Enabled);
        w.WriteStartArray("points"u8);
        foreach (var point in sight.Points.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("name"u8, point.Name);
            w.WriteString("modality"u8, Modalities.WireName(point.Modality));
            w.WriteString("target"u8, point.Target);
            w.WriteBoolean("enabled"u8, sight.IsEnabled(point.Name));
            w.WriteBoolean("manual"u8, false);
            w.WriteStartArray("metrics"u8);
            foreach (var metric in point.Metrics) w.WriteStringValue(metric);
            w.WriteEndArray();
            Thresholds(w, sight, point.Name, point.Metrics);
            w.WriteEndObject();
        }

        foreach (var manual in ManualPoints)
        {
            w.WriteStartObject();
            w.WriteString("name"u8, manual);
            w.WriteBoolean("enabled"u8, sight.IsEnabled(manual));
            w.WriteBoolean("manual"u8, true);
            var metrics = manual == SightRegistry.MetricPoint ? manualMetrics.Order(StringComparer.Ordinal).ToArray() : [];
            w.WriteStartArray("metrics"u8);
            foreach (var metric in metrics) w.WriteStringValue(metric);
            w.WriteEndArray();
            Thresholds(w, sight, manual, metrics);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("logRules"u8);
        foreach (var rule in sight.LogRules)
        {
            w.WriteStartObject();
            w.WriteString("name"u8, rule.Name);
            w.WriteString("action"u8, rule.Drops ? "drop" : "set_level");
            if (rule.NewLevel is not null) w.WriteString("newLevel"u8, rule.NewLevel);
            if (rule.Target is not null) w.WriteString("target"u8, rule.Target);
            if (rule.Contains is not null) w.WriteString("contains"u8, rule.Contains);
            if (rule.Level is not null) w.WriteString("level"u8, rule.Level);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("logsDroppedByRules"u8, sight.LogsDroppedByRules);
    });

    /// <summary>The part of <c>stats</c> every client shares, written into an open writer.</summary>
    public static void SharedStats(Utf8JsonWriter w, CodeSightEngine engine, StatsRates rates, HubCounters hub, SinkStatsReport sinks)
    {
        var c = engine.Counters;
        w.WriteNumber("openTrails"u8, engine.RunningTrails);
        w.WriteStartObject("rates"u8);
        w.WriteNumber("signals"u8, Math.Round(rates.Signals, 2));
        w.WriteNumber("observations"u8, Math.Round(rates.Observations, 2));
        w.WriteNumber("alerts"u8, Math.Round(rates.Alerts, 2));
        w.WriteNumber("trails"u8, Math.Round(rates.Trails, 2));
        w.WriteEndObject();
        w.WriteStartObject("engine"u8);
        w.WriteNumber("trailsAdmitted"u8, c.TrailsAdmitted.Value);
        w.WriteNumber("trailsSampledOut"u8, c.TrailsSampledOut.Value);
        w.WriteNumber("trailsCompleted"u8, c.TrailsCompleted.Value);
        w.WriteNumber("trailsAbandoned"u8, c.TrailsAbandoned.Value);
        w.WriteNumber("trailsEnded"u8, c.TrailsEnded.Value);
        w.WriteNumber("trailsKeptByTail"u8, c.TrailsKeptByTail.Value);
        w.WriteNumber("trailsDroppedByTail"u8, c.TrailsDroppedByTail.Value);
        w.WriteNumber("probesOpened"u8, c.ProbesOpened.Value);
        w.WriteNumber("probesClosed"u8, c.ProbesClosed.Value);
        w.WriteNumber("unknownProbeMessages"u8, c.UnknownProbeMessages.Value);
        w.WriteNumber("updatesAfterClose"u8, c.UpdatesAfterClose.Value);
        w.WriteNumber("rejectedOpens"u8, c.RejectedOpens.Value);
        w.WriteNumber("messagesForUnknownTrails"u8, c.MessagesForUnknownTrails.Value);
        w.WriteNumber("messagesForSampledOutTrails"u8, c.MessagesForSampledOutTrails.Value);
        w.WriteNumber("trailFailures"u8, c.TrailFailures.Value);
        w.WriteNumber("signalsDroppedForSlowReaders"u8, c.SignalsDroppedForSlowReaders.Value);
        w.WriteEndObject();
        var k = engine.System.Counters;
        w.WriteStartObject("kernel"u8);
        w.WriteNumber("deadLetters"u8, k.DeadLetters);
        w.WriteNumber("dropped"u8, k.Dropped);
        w.WriteNumber("unhandled"u8, k.Unhandled);
        w.WriteNumber("actorFailures"u8, k.ActorFailures);
        w.WriteEndObject();
        w.WriteStartObject("server"u8);
        w.WriteNumber("clients"u8, hub.Clients);
        w.WriteNumber("dropped"u8, hub.Dropped);
        w.WriteNumber("ingested"u8, hub.Ingested);
        w.WriteNumber("ingestRejected"u8, hub.IngestRejected);
        w.WriteNumber("commands"u8, hub.Commands);
        w.WriteEndObject();
        w.WriteStartArray("sinks"u8);
        foreach (var sink in sinks.Sinks)
        {
            w.WriteStartObject();
            w.WriteString("name"u8, sink.Name);
            w.WriteString("kind"u8, sink.Kind);
            w.WriteNumber("written"u8, sink.Written);
            w.WriteNumber("dropped"u8, sink.Dropped);
            w.WriteNumber("failures"u8, sink.Errors);
            w.WriteString("lastError"u8, sink.LastError);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static byte[] LedgerStatus(string? id, LedgerStatus status) => WireWriter.Write(w =>
    {
        w.WriteString("type"u8, "ledger"u8);
        if (id is not null) w.WriteString("id"u8, id);
        w.WriteString("path"u8, status.Path);
        w.WriteNumber("size"u8, status.Size);
        w.WriteString("chainHead"u8, status.ChainHead);
        if (status.CheckpointSize is { } size) w.WriteNumber("checkpointSize"u8, size);
        else w.WriteNull("checkpointSize"u8);
        w.WriteString("checkpointRoot"u8, status.CheckpointRoot);
    });

    public static byte[] LedgerCheck(string? id, LedgerCheck check) => WireWriter.Write(w =>
    {
        w.WriteString("type"u8, "verification"u8);
        if (id is not null) w.WriteString("id"u8, id);
        w.WriteBoolean("valid"u8, check.Valid);
        w.WriteNumber("entriesChecked"u8, check.EntriesChecked);
        w.WriteString("problem"u8, check.Problem);
        w.WriteNumber("elapsedMs"u8, Math.Round(check.ElapsedMilliseconds, 1));
    });

    private static void Thresholds(Utf8JsonWriter w, SightRegistry sight, string point, IEnumerable<string> metrics)
    {
        w.WriteStartObject("thresholds"u8);
        foreach (var metric in metrics)
        {
            if (sight.ThresholdOf(point, metric) is not { } threshold) continue;
            w.WriteStartObject(metric);
            w.WritePropertyName("value"u8);
            WireWriter.Number(w, threshold.Value);
            w.WriteBoolean("failClosed"u8, threshold.FailClosed);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
