using System.Text;
using System.Text.Json;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Records;

namespace CodeSight.Server.Web.Protocol;

/// <summary>
/// Turns the <c>items</c> of an <c>ingest</c> message into engine messages: probe lifecycle messages for the sampling
/// router and observations for the event stream. The whole batch is validated before anything is returned, so a bad
/// item rejects the batch and nothing of it takes effect; the error names the item and the field.
/// </summary>
internal static class IngestDecoder
{
    /// <summary>Items one ingest message may carry.</summary>
    public const int MaxItems = 10_000;

    private const int MaxAttributeDepth = 16;

    public static IReadOnlyList<object> Decode(JsonFields message)
    {
        var items = message.Required("items", "an array of probe messages and observations");
        if (items.ValueKind != JsonValueKind.Array) throw message.WrongType("items", "an array", items);
        var count = items.GetArrayLength();
        if (count > MaxItems) throw new ProtocolException("too_many_items", "items", $"holds {count} items; at most {MaxItems} are accepted per message.");
        var decoded = new List<object>(count);
        var index = 0;
        foreach (var element in items.EnumerateArray())
        {
            var item = new JsonFields(element, $"items[{index}]");
            var kind = item.RequiredString("kind");
            switch (kind)
            {
                case "open":
                    decoded.Add(new OpenProbe(Trail(item, "trailId"), Probe(item, "probeId"), OptionalProbe(item, "parentId"), Kind(item),
                        item.RequiredString("name"), Attributes(item, "attributes", required: false), item.OptionalMillis("at")));
                    break;
                case "update":
                    decoded.Add(new UpdateProbe(Trail(item, "trailId"), Probe(item, "probeId"), Attributes(item, "attributes", required: true), item.OptionalMillis("at")));
                    break;
                case "fail":
                    var error = item.RequiredObject("error");
                    decoded.Add(new FailProbe(Trail(item, "trailId"), Probe(item, "probeId"),
                        new ProbeFault(error.RequiredString("message"), error.OptionalString("name"), error.OptionalString("stack")), item.OptionalMillis("at")));
                    break;
                case "close":
                    decoded.Add(new CloseProbe(Trail(item, "trailId"), Probe(item, "probeId"), Status(item), item.OptionalMillis("at")));
                    break;
                case "record":
                    AddRecord(item, decoded);
                    break;
                case "observation":
                    decoded.Add(Observation(item));
                    break;
                default:
                    throw new ProtocolException("bad_field", item.PathOf("kind"), $"\"{kind}\" is not an ingest kind; expected open, update, fail, close, record or observation.");
            }

            index++;
        }

        return decoded;
    }

    /// <summary>A finished probe as an NDJSON trace record (docs/ndjson.md): replayed as open, fail (if any) and close.</summary>
    private static void AddRecord(JsonFields item, List<object> decoded)
    {
        var raw = item.Required("record", "an NDJSON trace record object");
        if (raw.ValueKind != JsonValueKind.Object) throw item.WrongType("record", "an object", raw);
        TraceRecord record;
        try
        {
            record = TraceRecordCodec.Deserialize(Encoding.UTF8.GetBytes(raw.GetRawText()));
        }
        catch (TraceRecordFormatException e)
        {
            throw new ProtocolException("bad_field", item.PathOf("record") + "." + e.Field, e.Reason);
        }

        if (record.EndedAt is null || record.Status == ProbeStatus.Open)
        {
            throw new ProtocolException("bad_field", item.PathOf("record"), "is still open (no endedAt or status \"open\"); send open/update/close items for a probe in flight.");
        }

        var probe = record.ToProbe();
        decoded.Add(new OpenProbe(probe.TrailId, probe.Id, probe.ParentId, probe.Kind, probe.Name, probe.Attributes, probe.StartedAt));
        if (probe.Fault is { } fault) decoded.Add(new FailProbe(probe.TrailId, probe.Id, fault, probe.EndedAt));
        decoded.Add(new CloseProbe(probe.TrailId, probe.Id, probe.Status, probe.EndedAt));
    }

    private static Observation Observation(JsonFields item)
    {
        var point = Name(item, "sightPoint");
        var target = item.RequiredString("target");
        var modalityText = item.RequiredString("modality");
        if (!Modalities.TryParse(modalityText, out var modality))
        {
            throw new ProtocolException("bad_field", item.PathOf("modality"), $"\"{modalityText}\" is not a modality; expected one of text_generation, code_execution, vision_processing, simulation, inference, planning, tool_calling.");
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (item.OptionalObject("metrics") is { } metricObject)
        {
            foreach (var property in metricObject.Properties())
            {
                metrics[property.Name] = metricObject.Finite(property.Name, property.Value);
            }
        }

        ObservationPayload? payload = null;
        if (item.OptionalObject("payload") is { } body)
        {
            var type = body.RequiredString("type");
            payload = type switch
            {
                "log" => new LogPayload(body.OptionalString("message") ?? throw new ProtocolException("missing_field", body.PathOf("message"), "is required (a string)."),
                    NonBlank(body, "level") ?? "INFO"),
                "metric" => new MetricPayload(Name(body, "name"), body.RequiredNumber("value"), body.OptionalString("unit")),
                _ => throw new ProtocolException("bad_field", body.PathOf("type"), $"\"{type}\" cannot be ingested; expected log or metric (images and tensors are recorded in-process)."),
            };
        }

        var timestamp = item.OptionalMillis("timestamp") ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        var context = Attributes(item, "context", required: false);
        var trail = item.Optional("trailId") is null ? (TrailId?)null : Trail(item, "trailId");
        var probe = OptionalProbe(item, "probeId");
        return new Observation(point, target, modality, metrics, context, timestamp, payload, trail, probe);
    }

    private static string? NonBlank(JsonFields item, string name)
    {
        var text = item.OptionalString(name);
        if (text is not null && string.IsNullOrWhiteSpace(text)) throw new ProtocolException("bad_field", item.PathOf(name), "is blank.");
        return text;
    }

    private static string Name(JsonFields item, string field)
    {
        var name = item.RequiredString(field);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-' and not '.')
            {
                throw new ProtocolException("bad_field", item.PathOf(field), $"\"{name}\" has '{c}' at index {i}; use letters, digits, '_', '-' and '.'.");
            }
        }

        return name;
    }

    private static TrailId Trail(JsonFields item, string field)
    {
        var text = item.RequiredString(field);
        return TrailId.TryParse(text, out var id) && !id.IsEmpty
            ? id
            : throw new ProtocolException("bad_field", item.PathOf(field), $"\"{text}\" is not a trail id (32 lowercase hex characters, not all zero).");
    }

    private static ProbeId Probe(JsonFields item, string field)
    {
        var text = item.RequiredString(field);
        return ParseProbe(item, field, text);
    }

    private static ProbeId? OptionalProbe(JsonFields item, string field) =>
        item.OptionalString(field) is { } text ? ParseProbe(item, field, text) : null;

    private static ProbeId ParseProbe(JsonFields item, string field, string text) =>
        ProbeId.TryParse(text, out var id) && id != default
            ? id
            : throw new ProtocolException("bad_field", item.PathOf(field), $"\"{text}\" is not a probe id (16 lowercase hex characters, not all zero).");

    private static ProbeKind Kind(JsonFields item)
    {
        var text = item.RequiredString("probeKind");
        return ProbeKinds.TryParseProbeKind(text, out var kind)
            ? kind
            : throw new ProtocolException("bad_field", item.PathOf("probeKind"), $"\"{text}\" is not a probe kind; expected run, turn, tool, model or custom.");
    }

    private static ProbeStatus? Status(JsonFields item)
    {
        if (item.OptionalString("status") is not { } text) return null;
        return ProbeStatuses.TryParse(text, out var status) && status != ProbeStatus.Open
            ? status
            : throw new ProtocolException("bad_field", item.PathOf("status"), $"\"{text}\" is not a closing status; expected ok, error or abandoned.");
    }

    private static IReadOnlyDictionary<string, object?> Attributes(JsonFields item, string field, bool required)
    {
        var bag = required ? item.RequiredObject(field) : item.OptionalObject(field);
        if (bag is not { } fields) return ProbeAttributes.Empty;
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in fields.Properties())
        {
            if (ProbeAttributes.IsReserved(property.Name))
            {
                throw new ProtocolException("bad_field", fields.PathOf(property.Name), "is a reserved key; send faults as a \"fail\" item.");
            }

            result[property.Name] = Value(property.Value, fields.PathOf(property.Name), 0);
        }

        return result;
    }

    private static object? Value(JsonElement value, string path, int depth)
    {
        if (depth > MaxAttributeDepth) throw new ProtocolException("bad_field", path, $"nests deeper than {MaxAttributeDepth} levels.");
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number:
                // Boxed separately: in one conditional expression the long would be widened to double.
                return value.TryGetInt64(out var integer) ? (object)integer : value.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Array:
                var list = new List<object?>();
                var index = 0;
                foreach (var item in value.EnumerateArray()) list.Add(Value(item, $"{path}[{index++}]", depth + 1));
                return list;
            case JsonValueKind.Object:
                var bag = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in value.EnumerateObject()) bag[property.Name] = Value(property.Value, path + "." + property.Name, depth + 1);
                return bag;
            default:
                return null;
        }
    }
}
