using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Records;

/// <summary>
/// Writes and reads the NDJSON close record (docs/ndjson.md) with a hand-written <see cref="Utf8JsonWriter"/>
/// and <see cref="Utf8JsonReader"/>: no reflection, one record per line.
/// </summary>
public static class TraceRecordCodec
{
    // Relaxed escaping keeps non-ASCII text readable; U+2028 and U+2029 are escaped afterwards by hand
    // because JavaScript (pre-ES2019) treats them as line breaks inside string literals.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = AttributeJson.MaxDepth + 8,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    /// <summary>Appends one record and its terminating <c>\n</c> to <paramref name="output"/>.</summary>
    public static void WriteLine(IBufferWriter<byte> output, TraceRecord record)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(record);
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(512);
        scratch.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(scratch, WriterOptions))
        {
            WriteObject(writer, record);
        }

        CopyEscapingLineSeparators(scratch.WrittenSpan, output);
        output.GetSpan(1)[0] = (byte)'\n';
        output.Advance(1);
    }

    /// <summary>Appends one record built from a probe (see <see cref="TraceRecord.FromProbe"/>) and its <c>\n</c>.</summary>
    public static void WriteLine(IBufferWriter<byte> output, Probe probe) => WriteLine(output, TraceRecord.FromProbe(probe));

    /// <summary>The record as one line of JSON, without the trailing <c>\n</c>.</summary>
    public static string Serialize(TraceRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteLine(buffer, record);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan[..^1]);
    }

    /// <summary>Writes the record object (no newline) to a caller's writer, for embedding in larger documents.</summary>
    public static void WriteObject(Utf8JsonWriter writer, TraceRecord record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        Span<byte> id = stackalloc byte[TrailId.HexLength];
        writer.WriteStartObject();

        record.Id.TryFormat(id, out var written);
        writer.WriteString("id"u8, id[..written]);
        record.TraceId.TryFormat(id, out written);
        writer.WriteString("traceId"u8, id[..written]);
        if (record.ParentId is { } parent)
        {
            parent.TryFormat(id, out written);
            writer.WriteString("parentId"u8, id[..written]);
        }
        else
        {
            writer.WriteNull("parentId"u8);
        }

        writer.WriteString("kind"u8, ProbeKinds.WireName(record.Kind));
        writer.WriteString("name"u8, record.Name);
        writer.WritePropertyName("startedAt"u8);
        EpochMillis.Write(writer, record.StartedAt);
        writer.WritePropertyName("endedAt"u8);
        if (record.EndedAt is { } ended)
        {
            EpochMillis.Write(writer, ended);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteString("status"u8, ProbeStatuses.WireName(record.Status));
        writer.WritePropertyName("attributes"u8);
        WriteCallerAttributes(writer, record.Attributes);
        writer.WritePropertyName("error"u8);
        if (record.Error is { } error)
        {
            writer.WriteStartObject();
            writer.WriteString("message"u8, error.Message);
            writer.WriteString("name"u8, error.Name);
            writer.WriteString("stack"u8, error.Stack);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes an attribute bag (probe attributes, an observation's context) as a JSON object with the same value rules
    /// as a record's <c>attributes</c>: reserved fault keys are left out, nesting is capped, non-finite numbers follow
    /// docs/ndjson.md.
    /// </summary>
    public static void WriteAttributes(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?>? attributes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteCallerAttributes(writer, attributes);
    }

    // Reserved keys never reach the wire as attributes: the fault travels in "error".
    private static void WriteCallerAttributes(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?>? attributes)
    {
        writer.WriteStartObject();
        if (attributes is not null)
        {
            foreach (var (key, value) in attributes)
            {
                if (!ProbeAttributes.IsReserved(key))
                {
                    writer.WritePropertyName(key);
                    AttributeJson.WriteValue(writer, value, 1);
                }
            }
        }

        writer.WriteEndObject();
    }

    private static void CopyEscapingLineSeparators(ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        // U+2028 is E2 80 A8 and U+2029 is E2 80 A9 in UTF-8; outside strings JSON has no such bytes.
        while (!json.IsEmpty)
        {
            var at = json.IndexOf((byte)0xE2);
            var cut = at < 0 ? json.Length : at;
            output.Write(json[..cut]);
            json = json[cut..];
            if (json.IsEmpty)
            {
                break;
            }

            if (json.Length >= 3 && json[1] == 0x80 && (json[2] == 0xA8 || json[2] == 0xA9))
            {
                output.Write(json[2] == 0xA8 ? "\\u2028"u8 : "\\u2029"u8);
                json = json[3..];
            }
            else
            {
                output.Write(json[..1]);
                json = json[1..];
            }
        }
    }

    /// <summary>Reads one record from a line of UTF-8 JSON (surrounding whitespace allowed).</summary>
    /// <exception cref="TraceRecordFormatException">The line is not a valid record; the exception names the field.</exception>
    public static TraceRecord Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            var record = ReadObject(ref reader);
            if (reader.Read())
            {
                throw new TraceRecordFormatException("(json)", $"unexpected {EpochMillis.Describe(reader.TokenType)} after the record object.");
            }

            return record;
        }
        catch (JsonException ex)
        {
            throw new TraceRecordFormatException("(json)", $"not valid JSON at byte {ex.BytePositionInLine}: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader reports invalid UTF-8 inside strings this way.
            throw new TraceRecordFormatException("(json)", ex.Message, ex);
        }
    }

    /// <summary>Reads one record from a line of JSON text.</summary>
    /// <exception cref="TraceRecordFormatException">The line is not a valid record; the exception names the field.</exception>
    public static TraceRecord Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Deserialize(System.Text.Encoding.UTF8.GetBytes(json));
    }

    private static TraceRecord ReadObject(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new TraceRecordFormatException("(json)", "the line holds no JSON value.");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new TraceRecordFormatException("(json)", $"a record is a JSON object, found {EpochMillis.Describe(reader.TokenType)}.");
        }

        ProbeId? id = null;
        TrailId? traceId = null;
        ProbeId? parentId = null;
        SegmentKind? kind = null;
        string? name = null;
        long? startedAt = null;
        long? endedAt = null;
        ProbeStatus? status = null;
        IReadOnlyDictionary<string, object?> attributes = ProbeAttributes.Empty;
        ProbeFault? error = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = ParseProbeId(RequireString(ref reader, "id"), "id");
            }
            else if (reader.ValueTextEquals("traceId"u8))
            {
                reader.Read();
                var text = RequireString(ref reader, "traceId");
                var problem = TrailId.TryParseCore(text, out var trail);
                traceId = problem is null ? trail : throw new TraceRecordFormatException("traceId", problem);
            }
            else if (reader.ValueTextEquals("parentId"u8))
            {
                reader.Read();
                parentId = reader.TokenType == JsonTokenType.Null ? null : ParseProbeId(RequireString(ref reader, "parentId"), "parentId");
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                reader.Read();
                var text = RequireString(ref reader, "kind");
                kind = ProbeKinds.TryParseSegmentKind(text, out var parsed)
                    ? parsed
                    : throw new TraceRecordFormatException("kind", $"\"{text}\" is not a segment kind; expected one of run, inference, action, recall, custom.");
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = RequireString(ref reader, "name");
            }
            else if (reader.ValueTextEquals("startedAt"u8))
            {
                reader.Read();
                startedAt = EpochMillis.Read(ref reader, "startedAt");
            }
            else if (reader.ValueTextEquals("endedAt"u8))
            {
                reader.Read();
                endedAt = reader.TokenType == JsonTokenType.Null ? null : EpochMillis.Read(ref reader, "endedAt");
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                var text = RequireString(ref reader, "status");
                status = ProbeStatuses.TryParse(text, out var parsed)
                    ? parsed
                    : throw new TraceRecordFormatException("status", $"\"{text}\" is not a probe status; expected one of open, ok, error, abandoned.");
            }
            else if (reader.ValueTextEquals("attributes"u8))
            {
                reader.Read();
                attributes = reader.TokenType switch
                {
                    JsonTokenType.Null => ProbeAttributes.Empty,
                    JsonTokenType.StartObject => AttributeJson.ReadBag(ref reader, "attributes"),
                    _ => throw new TraceRecordFormatException("attributes", $"expected an object, found {EpochMillis.Describe(reader.TokenType)}."),
                };
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = ReadError(ref reader);
            }
            else
            {
                // Unknown fields are tolerated so that newer writers stay readable.
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new TraceRecordFormatException("(json)", "the record object is not closed.");
        }

        var (liftedAttributes, fault) = FaultLifting.Lift(attributes, error);
        return new TraceRecord(
            id ?? throw Missing("id"),
            traceId ?? throw Missing("traceId"),
            parentId,
            kind ?? throw Missing("kind"),
            name ?? throw Missing("name"),
            startedAt ?? throw Missing("startedAt"),
            endedAt,
            status ?? throw Missing("status"),
            liftedAttributes,
            fault);
    }

    private static ProbeFault? ReadError(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new TraceRecordFormatException("error", $"expected an object or null, found {EpochMillis.Describe(reader.TokenType)}.");
        }

        string? message = null;
        string? name = null;
        string? stack = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message = RequireString(ref reader, "error.message");
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = OptionalString(ref reader, "error.name");
            }
            else if (reader.ValueTextEquals("stack"u8))
            {
                reader.Read();
                stack = OptionalString(ref reader, "error.stack");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new ProbeFault(message ?? throw Missing("error.message"), name, stack);
    }

    private static string RequireString(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new TraceRecordFormatException(field, $"expected a string, found {EpochMillis.Describe(reader.TokenType)}.");

    private static string? OptionalString(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.Null ? null : RequireString(ref reader, field);

    private static ProbeId ParseProbeId(string text, string field)
    {
        var problem = ProbeId.TryParseCore(text, out var id);
        return problem is null ? id : throw new TraceRecordFormatException(field, problem);
    }

    private static TraceRecordFormatException Missing(string field) =>
        new(field, "the field is required but missing.");
}
