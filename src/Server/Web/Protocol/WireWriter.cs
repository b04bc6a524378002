using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Json;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Records;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Sight;

namespace CodeSight.Server.Web.Protocol;

/// <summary>
/// Serializes server messages of protocol v1 (docs/protocol.md). Probes are written exactly as NDJSON trace records
/// (docs/ndjson.md), so every time on the wire is epoch milliseconds, fractional to the microsecond.
/// </summary>
internal static class WireWriter
{
    /// <summary>The largest image sent inline (base64); larger ones are announced without their bytes.</summary>
    public const int MaxInlineImageBytes = 256 * 1024;

    private const int MaxContextDepth = 16;

    public static LiveItem Signal(Signal signal)
    {
        var json = Write(w =>
        {
            w.WriteString("type"u8, "signal"u8);
            w.WriteString("phase"u8, signal.Phase switch
            {
                SignalPhase.Open => "open",
                SignalPhase.Update => "update",
                _ => "close",
            });
            w.WritePropertyName("at"u8);
            Millis(w, signal.At);
            w.WritePropertyName("probe"u8);
            TraceRecordCodec.WriteObject(w, TraceRecord.FromProbe(signal.Probe));
        });
        return new LiveItem(LiveKind.Signal, json, null, null, signal.Probe.TrailId, signal.Probe.Name);
    }

    public static LiveItem Trail(TrailCompleted trail)
    {
        var json = Write(w =>
        {
            w.WriteString("type"u8, "trail"u8);
            w.WriteString("trailId"u8, trail.TrailId.ToString());
            w.WritePropertyName("probes"u8);
            w.WriteStartArray();
            foreach (var probe in trail.Probes) TraceRecordCodec.WriteObject(w, TraceRecord.FromProbe(probe));
            w.WriteEndArray();
        });
        return new LiveItem(LiveKind.Trail, json, null, null, trail.TrailId, trail.Root.Name);
    }

    public static LiveItem Observation(Observation observation)
    {
        var modality = Modalities.WireName(observation.Modality);
        var json = Write(w =>
        {
            w.WriteString("type"u8, "observation"u8);
            w.WriteString("sightPoint"u8, observation.SightPoint);
            w.WriteString("target"u8, observation.Target);
            w.WriteString("modality"u8, modality);
            w.WritePropertyName("timestamp"u8);
            Millis(w, observation.Timestamp);
            w.WritePropertyName("metrics"u8);
            w.WriteStartObject();
            foreach (var (name, value) in observation.Metrics)
            {
                w.WritePropertyName(name);
                Number(w, value);
            }

            w.WriteEndObject();
            w.WritePropertyName("context"u8);
            Value(w, observation.Context, 0);
            w.WritePropertyName("payload"u8);
            Payload(w, observation.Payload);
            OptionalIds(w, observation.TrailId, observation.ProbeId);
        });
        return new LiveItem(LiveKind.Observation, json, modality, observation.SightPoint, observation.TrailId, observation.Target);
    }

    public static LiveItem Alert(SightAlert alert, Modality? modality)
    {
        var wireModality = modality is { } m ? Modalities.WireName(m) : null;
        var json = Write(w =>
        {
            w.WriteString("type"u8, "alert"u8);
            w.WriteString("sightPoint"u8, alert.Point);
            w.WriteString("metric"u8, alert.Metric);
            w.WritePropertyName("value"u8);
            Number(w, alert.Value);
            w.WritePropertyName("threshold"u8);
            Number(w, alert.Threshold);
            w.WriteBoolean("failClosed"u8, alert.FailClosed);
            if (wireModality is not null) w.WriteString("modality"u8, wireModality);
            w.WritePropertyName("timestamp"u8);
            Millis(w, alert.Timestamp);
            OptionalIds(w, alert.TrailId, alert.ProbeId);
        });
        return new LiveItem(LiveKind.Alert, json, wireModality, alert.Point, alert.TrailId, alert.Point + "." + alert.Metric);
    }

    /// <summary>A <c>backlog</c> message holding the given items' messages, oldest first.</summary>
    public static byte[] Backlog(IEnumerable<LiveItem> items) => Write(w =>
    {
        w.WriteString("type"u8, "backlog"u8);
        w.WritePropertyName("items"u8);
        w.WriteStartArray();
        foreach (var item in items) w.WriteRawValue(item.Json, skipInputValidation: true);
        w.WriteEndArray();
    });

    public static byte[] Error(string? id, string code, string? field, string message) => Write(w =>
    {
        w.WriteString("type"u8, "error"u8);
        if (id is not null) w.WriteString("id"u8, id);
        w.WriteString("code"u8, code);
        if (field is not null) w.WriteString("field"u8, field);
        w.WriteString("message"u8, message);
    });

    /// <summary>An <c>ack</c>: the request <paramref name="id"/> of type <paramref name="request"/> took effect.</summary>
    public static byte[] Ack(string? id, string request, Action<Utf8JsonWriter>? details = null) => Write(w =>
    {
        w.WriteString("type"u8, "ack"u8);
        if (id is not null) w.WriteString("id"u8, id);
        w.WriteString("request"u8, request);
        details?.Invoke(w);
    });

    /// <summary>Writes a message object whose properties <paramref name="body"/> writes.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Epoch microseconds as epoch milliseconds, exactly (decimal keeps every microsecond digit).</summary>
    public static void Millis(Utf8JsonWriter writer, long micros) => writer.WriteNumberValue(micros / 1000m);

    /// <summary>A finite number as itself; NaN and infinities (which JSON cannot hold) as null.</summary>
    public static void Number(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }

    private static void OptionalIds(Utf8JsonWriter writer, TrailId? trail, ProbeId? probe)
    {
        if (trail is { } t) writer.WriteString("trailId"u8, t.ToString());
        if (probe is { } p) writer.WriteString("probeId"u8, p.ToString());
    }

    private static void Payload(Utf8JsonWriter w, ObservationPayload? payload)
    {
        switch (payload)
        {
            case null:
                w.WriteNullValue();
                return;
            case LogPayload log:
                w.WriteStartObject();
                w.WriteString("type"u8, "log"u8);
                w.WriteString("message"u8, log.Message);
                w.WriteString("level"u8, log.Level);
                w.WriteEndObject();
                return;
            case MetricPayload metric:
                w.WriteStartObject();
                w.WriteString("type"u8, "metric"u8);
                w.WriteString("name"u8, metric.Name);
                w.WritePropertyName("value"u8);
                Number(w, metric.Value);
                if (metric.Unit is not null) w.WriteString("unit"u8, metric.Unit);
                w.WriteEndObject();
                return;
            case ImagePayload image:
                w.WriteStartObject();
                w.WriteString("type"u8, "image"u8);
                w.WriteString("mediaType"u8, image.MediaType);
                w.WriteNumber("bytes"u8, image.Bytes.Length);
                if (image.Width is { } width) w.WriteNumber("width"u8, width);
                if (image.Height is { } height) w.WriteNumber("height"u8, height);
                if (image.Bytes.Length <= MaxInlineImageBytes) w.WriteBase64String("data"u8, image.Bytes.Span);
                w.WriteEndObject();
                return;
            case TensorPayload tensor:
                w.WriteStartObject();
                w.WriteString("type"u8, "tensor"u8);
                w.WriteString("dtype"u8, tensor.DType.ToString().ToLowerInvariant());
                w.WritePropertyName("shape"u8);
                w.WriteStartArray();
                foreach (var dimension in tensor.Shape) w.WriteNumberValue(dimension);
                w.WriteEndArray();
                w.WriteNumber("count"u8, tensor.Count);
                w.WriteNumber("nanCount"u8, tensor.NanCount);
                foreach (var (name, value) in (ReadOnlySpan<(string, double)>)[("min", tensor.Min), ("max", tensor.Max), ("mean", tensor.Mean), ("std", tensor.Std)])
                {
                    w.WritePropertyName(name);
                    Number(w, value);
                }

                w.WritePropertyName("sample"u8);
                w.WriteStartArray();
                foreach (var value in tensor.Sample) Number(w, value);
                w.WriteEndArray();
                w.WriteEndObject();
                return;
            default:
                w.WriteStartObject();
                w.WriteString("type"u8, payload.Type);
                w.WriteEndObject();
                return;
        }
    }

    /// <summary>Writes a context value; nesting deeper than <see cref="MaxContextDepth"/> (or a cycle) becomes a marker.</summary>
    private static void Value(Utf8JsonWriter w, object? value, int depth)
    {
        if (depth > MaxContextDepth)
        {
            w.WriteStringValue("[too-deep]");
            return;
        }

        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                w.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                w.WriteNumberValue(u);
                break;
            case double d:
                Number(w, d);
                break;
            case float f:
                Number(w, f);
                break;
            case decimal m:
                w.WriteNumberValue(m);
                break;
            case IEnumerable<KeyValuePair<string, object?>> bag:
                w.WriteStartObject();
                foreach (var (key, item) in bag)
                {
                    w.WritePropertyName(key);
                    Value(w, item, depth + 1);
                }

                w.WriteEndObject();
                break;
            case IEnumerable sequence:
                w.WriteStartArray();
                foreach (var item in sequence) Value(w, item, depth + 1);
                w.WriteEndArray();
                break;
            case IFormattable formattable:
                w.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                w.WriteStringValue(value.ToString());
                break;
        }
    }
}
