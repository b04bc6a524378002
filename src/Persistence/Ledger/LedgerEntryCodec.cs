using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Records;
using CodeSight.Persistence.Canonical;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// Writes ledger entries as RFC 8785 canonical JSON and reads back what the ledger needs from them. The entry
/// shapes are specified in docs/ledger.md ("Entry payloads"); the bytes written here are exactly the bytes hashed.
/// </summary>
public static class LedgerEntryCodec
{
    private static ReadOnlySpan<byte> SequenceMember => "\"sequence\":"u8;

    /// <summary>Writes the canonical entry for an observation.</summary>
    /// <param name="sequence">The entry's sequence number (leaf index + 1).</param>
    /// <param name="recordedAt">When the ledger appended it, epoch milliseconds.</param>
    /// <param name="observation">The observation.</param>
    /// <param name="output">Receives the canonical UTF-8 JSON.</param>
    /// <exception cref="CanonicalJsonException">A metric, context value or payload has no canonical JSON form.</exception>
    public static void WriteObservation(long sequence, long recordedAt, Observation observation, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(output);
        if (!ObservationEntryWriter.Instance.TryWrite(sequence, recordedAt, observation, output))
        {
            WriteObservationGenerally(sequence, recordedAt, observation, output);
        }
    }

    /// <summary>The general writer behind <see cref="WriteObservation"/>: an object tree through <see cref="CanonicalJson"/>.</summary>
    internal static void WriteObservationGenerally(long sequence, long recordedAt, Observation observation, IBufferWriter<byte> output)
    {
        var metrics = new Dictionary<string, object?>(observation.Metrics.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, double> metric in observation.Metrics)
        {
            metrics.Add(metric.Key, Finite(metric.Value));
        }

        var entry = new Dictionary<string, object?>(12, StringComparer.Ordinal)
        {
            ["context"] = observation.Context,
            ["kind"] = LedgerEntryKinds.Observation,
            ["metrics"] = metrics,
            ["modality"] = Modalities.WireName(observation.Modality),
            ["payload"] = PayloadObject(observation.Payload),
            ["probeId"] = observation.ProbeId?.ToString(),
            ["recordedAt"] = recordedAt,
            ["sequence"] = sequence,
            ["sightPoint"] = observation.SightPoint,
            ["target"] = observation.Target,
            ["timestamp"] = observation.Timestamp,
            ["trailId"] = observation.TrailId?.ToString(),
        };
        CanonicalJson.Write(entry, output);
    }

    /// <summary>Writes the canonical entry for a closed probe: its NDJSON close record plus the ledger fields.</summary>
    /// <param name="sequence">The entry's sequence number (leaf index + 1).</param>
    /// <param name="recordedAt">When the ledger appended it, epoch milliseconds.</param>
    /// <param name="probe">The probe.</param>
    /// <param name="output">Receives the canonical UTF-8 JSON.</param>
    /// <exception cref="CanonicalJsonException">An attribute has no canonical JSON form.</exception>
    public static void WriteProbe(long sequence, long recordedAt, Probe probe, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(probe);
        using var record = JsonDocument.Parse(TraceRecordCodec.Serialize(TraceRecord.FromProbe(probe)));
        var entry = new Dictionary<string, object?>(7, StringComparer.Ordinal)
        {
            ["kind"] = LedgerEntryKinds.Probe,
            ["probeId"] = probe.Id.ToString(),
            ["record"] = record.RootElement,
            ["recordedAt"] = recordedAt,
            ["sequence"] = sequence,
            ["timestamp"] = ProbeTimestamp(probe),
            ["trailId"] = probe.TrailId.ToString(),
        };
        CanonicalJson.Write(entry, output);
    }

    /// <summary>The time a probe entry is indexed under: its end, or its start while it has none, epoch microseconds.</summary>
    /// <param name="probe">The probe.</param>
    public static long ProbeTimestamp(Probe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return probe.EndedAt ?? probe.StartedAt;
    }

    /// <summary>
    /// Reads the top-level <c>sequence</c> member of a canonical entry without parsing the whole document, or
    /// returns <see langword="null"/> when there is none. Used by the verifier to tell a moved row from an altered one.
    /// </summary>
    /// <param name="payload">A canonical entry.</param>
    public static long? ReadSequence(ReadOnlySpan<byte> payload)
    {
        // Canonical members are sorted, and every member sorting after "sequence" (sightPoint, target,
        // timestamp, trailId) is a scalar, so the last occurrence of the quoted name is the top-level one. A
        // name inside a string cannot match: its quotes would be escaped as \".
        int at = payload.LastIndexOf(SequenceMember);
        if (at < 0)
        {
            return null;
        }

        ReadOnlySpan<byte> digits = payload[(at + SequenceMember.Length)..];
        return Utf8Parser.TryParse(digits, out long value, out _) ? value : null;
    }

    /// <summary>Reads the probe back from a probe entry's <c>record</c> member (times at the record's millisecond precision).</summary>
    /// <param name="payload">A canonical probe entry.</param>
    /// <exception cref="FormatException">The payload is not a probe entry; the message says which member is wrong.</exception>
    public static Probe ReadProbe(ReadOnlySpan<byte> payload) => TraceRecordCodec.Deserialize(ReadRecord(payload)).ToProbe();

    /// <summary>The raw JSON of a probe entry's <c>record</c> member: one NDJSON close record.</summary>
    /// <param name="payload">A canonical probe entry.</param>
    /// <exception cref="FormatException">The payload is not a probe entry.</exception>
    public static byte[] ReadRecord(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        try
        {
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("kind", out JsonElement kind)
                || kind.ValueEquals(LedgerEntryKinds.Probe) is false)
            {
                throw new FormatException("The ledger entry is not a probe entry: its 'kind' member is missing or not \"probe\".");
            }

            if (!document.RootElement.TryGetProperty("record", out JsonElement record) || record.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The probe entry has no 'record' object.");
            }

            return System.Text.Encoding.UTF8.GetBytes(record.GetRawText());
        }
        catch (JsonException exception)
        {
            throw new FormatException(
                $"The ledger entry is not valid JSON at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}: {exception.Message}",
                exception);
        }
    }

    private static object? PayloadObject(ObservationPayload? payload) => payload switch
    {
        null => null,
        LogPayload log => new Dictionary<string, object?> { ["type"] = log.Type, ["level"] = log.Level, ["message"] = log.Message },
        MetricPayload metric => new Dictionary<string, object?>
        {
            ["type"] = metric.Type, ["name"] = metric.Name, ["value"] = Finite(metric.Value), ["unit"] = metric.Unit,
        },
        ImagePayload image => new Dictionary<string, object?>
        {
            ["type"] = image.Type,
            ["mediaType"] = image.MediaType,
            ["width"] = image.Width,
            ["height"] = image.Height,
            ["bytes"] = Convert.ToBase64String(image.Bytes.Span),
        },
        TensorPayload tensor => new Dictionary<string, object?>
        {
            ["type"] = tensor.Type,
            ["dtype"] = tensor.DType.ToString().ToLowerInvariant(),
            ["shape"] = tensor.Shape,
            ["count"] = tensor.Count,
            ["nanCount"] = tensor.NanCount,
            ["min"] = Finite(tensor.Min),
            ["max"] = Finite(tensor.Max),
            ["mean"] = Finite(tensor.Mean),
            ["std"] = Finite(tensor.Std),
            ["sample"] = tensor.Sample.Select(Finite).ToArray(),
        },
        _ => throw new CanonicalJsonException("$.payload", $"observation payload type '{payload.Type}' has no ledger form"),
    };

    // JSON has no NaN or infinities; they are kept as the strings "NaN", "Infinity" and "-Infinity".
    private static object Finite(double value) => double.IsFinite(value) ? value : value.ToString(CultureInfo.InvariantCulture);
}
