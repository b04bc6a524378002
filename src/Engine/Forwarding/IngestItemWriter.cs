using System.Buffers;
using System.Text.Json;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Records;
using CodeSight.Contracts.Signals;

namespace CodeSight.Engine.Forwarding;

/// <summary>
/// Encodes what a host records as items of the protocol's <c>ingest</c> message (docs/protocol.md): each probe signal
/// as the matching <c>open</c>, <c>update</c> or <c>fail</c>+<c>close</c> item, in the order the trail published them (so
/// the server sees a probe in flight as the host does), an observation as an <c>observation</c> item. What the protocol cannot carry is left out and counted; what the server would refuse is
/// reported here, before it could make the server reject a whole batch.
/// </summary>
internal static class IngestItemWriter
{
    /// <summary>
    /// The JSON of the items for one probe signal: <c>open</c> (with the attributes at open), <c>update</c> (with the
    /// probe's attributes now), or <c>close</c> preceded by <c>fail</c> when the probe carries a fault. Two items are
    /// returned as one comma-separated entry, so they travel in the same message and in order.
    /// </summary>
    public static byte[] Signal(Signal signal)
    {
        var probe = signal.Probe;
        var buffer = new ArrayBufferWriter<byte>(256);
        switch (signal)
        {
            case OpenSignal:
                Item(buffer, "open", probe, w =>
                {
                    if (probe.ParentId is { } parent) w.WriteString("parentId"u8, parent.ToString());
                    w.WriteString("probeKind"u8, ProbeKinds.WireName(probe.Kind));
                    w.WriteString("name"u8, probe.Name);
                    w.WritePropertyName("attributes"u8);
                    TraceRecordCodec.WriteAttributes(w, probe.Attributes);
                    w.WriteNumber("at"u8, signal.At / 1000m);
                });
                break;
            case UpdateSignal:
                Item(buffer, "update", probe, w =>
                {
                    w.WritePropertyName("attributes"u8);
                    TraceRecordCodec.WriteAttributes(w, probe.Attributes);
                    w.WriteNumber("at"u8, signal.At / 1000m);
                });
                break;
            default:
                if (probe.Fault is { } fault)
                {
                    Item(buffer, "fail", probe, w =>
                    {
                        w.WriteStartObject("error"u8);
                        w.WriteString("message"u8, string.IsNullOrWhiteSpace(fault.Message) ? "(no message)" : fault.Message);
                        if (fault.Name is not null) w.WriteString("name"u8, fault.Name);
                        if (fault.Stack is not null) w.WriteString("stack"u8, fault.Stack);
                        w.WriteEndObject();
                        w.WriteNumber("at"u8, signal.At / 1000m);
                    });
                    buffer.Write(","u8);
                }

                Item(buffer, "close", probe, w =>
                {
                    if (probe.Status != ProbeStatus.Open) w.WriteString("status"u8, ProbeStatuses.WireName(probe.Status));
                    w.WriteNumber("at"u8, signal.At / 1000m);
                });
                break;
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The JSON of an <c>observation</c> item, or null with <paramref name="problem"/> when the server would refuse it.</summary>
    public static byte[]? Observation(Observation observation, ForwarderCounters counters, out string? problem)
    {
        problem = NameProblem("sightPoint", observation.SightPoint) ?? (string.IsNullOrWhiteSpace(observation.Target) ? "target: is empty" : null);
        if (observation.Payload is MetricPayload metric) problem ??= NameProblem("payload.name", metric.Name);
        if (observation.Payload is LogPayload log && string.IsNullOrWhiteSpace(log.Level)) problem ??= "payload.level: is blank";
        if (problem is not null) return null;

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind"u8, "observation"u8);
            writer.WriteString("sightPoint"u8, observation.SightPoint);
            writer.WriteString("target"u8, observation.Target);
            writer.WriteString("modality"u8, Modalities.WireName(observation.Modality));
            writer.WriteNumber("timestamp"u8, observation.Timestamp / 1000m);
            writer.WriteStartObject("metrics"u8);
            foreach (var (name, value) in observation.Metrics)
            {
                // JSON cannot hold NaN or infinities and the server would refuse the batch: leave them out, counted.
                if (double.IsFinite(value)) writer.WriteNumber(name, value);
                else counters.CountValueOmitted();
            }

            writer.WriteEndObject();
            writer.WritePropertyName("context"u8);
            TraceRecordCodec.WriteAttributes(writer, observation.Context);
            Payload(writer, observation.Payload, counters);
            if (observation.TrailId is { } trail) writer.WriteString("trailId"u8, trail.ToString());
            if (observation.ProbeId is { } probe) writer.WriteString("probeId"u8, probe.ToString());
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Item(ArrayBufferWriter<byte> buffer, string kind, Probe probe, Action<Utf8JsonWriter> fields)
    {
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        writer.WriteString("kind"u8, kind);
        writer.WriteString("trailId"u8, probe.TrailId.ToString());
        writer.WriteString("probeId"u8, probe.Id.ToString());
        fields(writer);
        writer.WriteEndObject();
    }

    private static void Payload(Utf8JsonWriter writer, ObservationPayload? payload, ForwarderCounters counters)
    {
        switch (payload)
        {
            case null:
                return;
            case LogPayload log:
                writer.WriteStartObject("payload"u8);
                writer.WriteString("type"u8, "log"u8);
                writer.WriteString("message"u8, log.Message);
                writer.WriteString("level"u8, log.Level);
                writer.WriteEndObject();
                return;
            case MetricPayload metric when double.IsFinite(metric.Value):
                writer.WriteStartObject("payload"u8);
                writer.WriteString("type"u8, "metric"u8);
                writer.WriteString("name"u8, metric.Name);
                writer.WriteNumber("value"u8, metric.Value);
                if (metric.Unit is not null) writer.WriteString("unit"u8, metric.Unit);
                writer.WriteEndObject();
                return;
            default:
                // Images and tensors are recorded in-process only (the protocol ingests log and metric payloads):
                // the observation goes without its payload, and the omission is counted.
                counters.CountValueOmitted();
                return;
        }
    }

    // The server accepts sight point and metric names of letters, digits, '_', '-' and '.'.
    private static string? NameProblem(string field, string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return $"{field}: is empty";
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-' and not '.') return $"{field}: \"{name}\" has '{c}', which the server does not accept in names";
        }

        return null;
    }
}
