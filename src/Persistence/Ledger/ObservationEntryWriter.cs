using System.Buffers;
using System.Buffers.Text;
using System.Text;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Observations;
using CodeSight.Persistence.Canonical;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// The fast path of <see cref="LedgerEntryCodec.WriteObservation"/>: writes the canonical entry of a common
/// observation straight to bytes, members in their canonical order by construction, without building an object
/// tree. It handles strings that need no escaping, integers and finite doubles, and log and metric payloads;
/// anything else makes it give up (return false) so that the general writer, which also produces the precise
/// error messages, takes over. Tests check that both produce identical bytes.
/// </summary>
internal sealed class ObservationEntryWriter
{
    // Below this magnitude every integer-valued double prints as its plain digits in ECMAScript.
    private const double PlainIntegerLimit = 9007199254740992d;

    // Characters that a JCS string must escape, and lone-surrogate candidates: such strings take the general path.
    private static readonly SearchValues<char> NeedsCare = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\" +
        string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly List<KeyValuePair<string, object?>> _members = new();

    [ThreadStatic]
    private static ObservationEntryWriter? t_instance;

    public static ObservationEntryWriter Instance => t_instance ??= new ObservationEntryWriter();

    public bool TryWrite(long sequence, long recordedAt, Observation observation, IBufferWriter<byte> output)
    {
        _buffer.ResetWrittenCount();
        if (!TryWriteEntry(sequence, recordedAt, observation))
        {
            return false;
        }

        output.Write(_buffer.WrittenSpan);
        return true;
    }

    private bool TryWriteEntry(long sequence, long recordedAt, Observation o)
    {
        Raw("{\"context\":"u8);
        if (!TryObject(o.Context))
        {
            return false;
        }

        Raw(",\"kind\":\"observation\",\"metrics\":"u8);
        if (!TryMetrics(o.Metrics))
        {
            return false;
        }

        Raw(",\"modality\":"u8);
        QuotedAscii(Modalities.WireName(o.Modality));
        Raw(",\"payload\":"u8);
        if (!TryPayload(o.Payload))
        {
            return false;
        }

        Raw(",\"probeId\":"u8);
        QuotedIdOrNull(o.ProbeId, ProbeId.HexLength);

        Raw(",\"recordedAt\":"u8);
        if (!TryInteger(recordedAt))
        {
            return false;
        }

        Raw(",\"sequence\":"u8);
        if (!TryInteger(sequence))
        {
            return false;
        }

        Raw(",\"sightPoint\":"u8);
        if (!TryString(o.SightPoint))
        {
            return false;
        }

        Raw(",\"target\":"u8);
        if (!TryString(o.Target))
        {
            return false;
        }

        Raw(",\"timestamp\":"u8);
        if (!TryInteger(o.Timestamp))
        {
            return false;
        }

        Raw(",\"trailId\":"u8);
        QuotedIdOrNull(o.TrailId, TrailId.HexLength);

        Raw("}"u8);
        return true;
    }

    private bool TryObject(IReadOnlyDictionary<string, object?> bag)
    {
        _members.Clear();
        foreach (KeyValuePair<string, object?> member in bag)
        {
            _members.Add(member);
        }

        SortMembers();
        Raw("{"u8);
        for (int i = 0; i < _members.Count; i++)
        {
            if (!TryMemberKey(i))
            {
                return false;
            }

            bool written = _members[i].Value switch
            {
                null => Raw("null"u8),
                string text => TryString(text),
                bool flag => Raw(flag ? "true"u8 : "false"u8),
                int number => TryInteger(number),
                long number => TryInteger(number),
                double number => TryDouble(number),
                _ => false,
            };
            if (!written)
            {
                return false;
            }
        }

        Raw("}"u8);
        return true;
    }

    private bool TryMetrics(IReadOnlyDictionary<string, double> metrics)
    {
        _members.Clear();
        foreach (KeyValuePair<string, double> metric in metrics)
        {
            // Non-finite values are written as strings by the general writer's rule; leave them to it.
            if (!double.IsFinite(metric.Value))
            {
                return false;
            }

            _members.Add(new KeyValuePair<string, object?>(metric.Key, null));
        }

        SortMembers();
        Raw("{"u8);
        for (int i = 0; i < _members.Count; i++)
        {
            if (!TryMemberKey(i) || !TryDouble(metrics[_members[i].Key]))
            {
                return false;
            }
        }

        Raw("}"u8);
        return true;
    }

    // RFC 8785 orders an object's members by their keys' UTF-16 code units, which is what ordinal comparison does.
    private void SortMembers() => _members.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));

    // Writes the separator and key of member i ("key": with a leading comma after the first); false if the key cannot be written.
    private bool TryMemberKey(int i)
    {
        if (i > 0)
        {
            Raw(","u8);
        }

        if (!TryString(_members[i].Key))
        {
            return false;
        }

        Raw(":"u8);
        return true;
    }

    private bool TryPayload(ObservationPayload? payload)
    {
        switch (payload)
        {
            case null:
                return Raw("null"u8);
            case LogPayload log:
                Raw("{\"level\":"u8);
                if (!TryString(log.Level))
                {
                    return false;
                }

                Raw(",\"message\":"u8);
                if (!TryString(log.Message))
                {
                    return false;
                }

                return Raw(",\"type\":\"log\"}"u8);
            case MetricPayload metric when double.IsFinite(metric.Value):
                Raw("{\"name\":"u8);
                if (!TryString(metric.Name))
                {
                    return false;
                }

                Raw(",\"type\":\"metric\",\"unit\":"u8);
                if (!(metric.Unit is null ? Raw("null"u8) : TryString(metric.Unit)))
                {
                    return false;
                }

                Raw(",\"value\":"u8);
                return TryDouble(metric.Value) && Raw("}"u8);
            default:
                return false;
        }
    }

    private bool TryString(string text)
    {
        if (text.AsSpan().ContainsAny(NeedsCare))
        {
            return false;
        }

        int max = Encoding.UTF8.GetMaxByteCount(text.Length) + 2;
        Span<byte> destination = _buffer.GetSpan(max);
        destination[0] = (byte)'"';
        int written = Encoding.UTF8.GetBytes(text, destination[1..]);
        destination[written + 1] = (byte)'"';
        _buffer.Advance(written + 2);
        return true;
    }

    private bool TryInteger(long value)
    {
        if (value >= PlainIntegerLimit || value <= -PlainIntegerLimit)
        {
            return false;
        }

        Span<byte> destination = _buffer.GetSpan(20);
        Utf8Formatter.TryFormat(value, destination, out int written);
        _buffer.Advance(written);
        return true;
    }

    private bool TryDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            return false;
        }

        if (value == Math.Floor(value) && Math.Abs(value) < PlainIntegerLimit)
        {
            // -0 is written 0, like every other integer-valued double below 2^53: plain digits.
            return TryInteger((long)value);
        }

        string digits = EcmaScriptNumber.Format(value);
        Encoding.ASCII.GetBytes(digits, _buffer.GetSpan(digits.Length));
        _buffer.Advance(digits.Length);
        return true;
    }

    private void QuotedAscii(string ascii)
    {
        Span<byte> destination = _buffer.GetSpan(ascii.Length + 2);
        destination[0] = (byte)'"';
        Encoding.ASCII.GetBytes(ascii, destination[1..]);
        destination[ascii.Length + 1] = (byte)'"';
        _buffer.Advance(ascii.Length + 2);
    }

    private bool Raw(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return true;
    }

    /// <summary>Writes an id as a quoted lowercase-hex string, or <c>null</c>.</summary>
    private void QuotedIdOrNull<TId>(TId? id, int hexLength) where TId : struct, IUtf8SpanFormattable
    {
        if (id is not { } value)
        {
            Raw("null"u8);
            return;
        }

        Span<byte> target = _buffer.GetSpan(hexLength + 2);
        target[0] = (byte)'"';
        value.TryFormat(target[1..], out int written, default, null);
        target[written + 1] = (byte)'"';
        _buffer.Advance(written + 2);
    }
}
