using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace CodeSight.Contracts.Ids;

/// <summary>
/// The 64-bit id of a probe. It is written as 16 lowercase hex chars, big-endian, and maps 1:1 onto a W3C
/// span id. The zero value is reserved (W3C forbids it): <see cref="New"/> never returns it and
/// <see cref="Parse(ReadOnlySpan{char})"/> rejects it; it is only ever <c>default</c>.
/// </summary>
public readonly struct ProbeId : IEquatable<ProbeId>, IComparable<ProbeId>, IComparable, ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>The number of chars in the text form.</summary>
    public const int HexLength = 16;

    /// <summary>The number of bytes in the binary form.</summary>
    public const int ByteLength = 8;

    /// <summary>Creates an id from its 64-bit value.</summary>
    public ProbeId(ulong value) => Value = value;

    /// <summary>Creates an id from its 8 bytes in big-endian (W3C) order.</summary>
    /// <exception cref="ArgumentException">The span is not exactly 8 bytes long.</exception>
    public ProbeId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteLength)
        {
            throw new ArgumentException($"A probe id needs exactly {ByteLength} bytes, got {bytes.Length}.", nameof(bytes));
        }

        Value = BinaryPrimitives.ReadUInt64BigEndian(bytes);
    }

    /// <summary>The 64 bits of the id.</summary>
    public ulong Value { get; }

    /// <summary>True for <c>default(ProbeId)</c>, the reserved zero value.</summary>
    public bool IsEmpty => Value == 0;

    /// <summary>Mints a fresh random id; thread-safe, lock-free, never zero.</summary>
    public static ProbeId New() => new(IdMint.NextNonZero());

    /// <summary>Parses exactly 16 lowercase hex chars.</summary>
    /// <exception cref="FormatException">The text is not a valid probe id; the message names the text and the bad position.</exception>
    public static ProbeId Parse(ReadOnlySpan<char> text)
    {
        var error = TryParseCore(text, out var id);
        return error is null ? id : throw new FormatException(error);
    }

    /// <inheritdoc cref="Parse(ReadOnlySpan{char})"/>
    public static ProbeId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan());
    }

    /// <summary>Parses exactly 16 lowercase hex chars without throwing.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ProbeId id) => TryParseCore(text, out id) is null;

    /// <summary>Parses exactly 16 lowercase hex chars without throwing; null is not an id.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ProbeId id)
    {
        if (text is null)
        {
            id = default;
            return false;
        }

        return TryParse(text.AsSpan(), out id);
    }

    /// <summary>Parses exactly 16 lowercase hex UTF-8 bytes without throwing.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out ProbeId id)
    {
        id = default;
        if (utf8Text.Length != HexLength || HexText.TryRead(utf8Text, out var value) >= 0 || value == 0)
        {
            return false;
        }

        id = new ProbeId(value);
        return true;
    }

    private static string? TryParseCore(ReadOnlySpan<char> text, out ProbeId id)
    {
        id = default;
        if (text.Length != HexLength)
        {
            return $"A probe id is {HexLength} lowercase hex chars, but \"{text}\" has {text.Length}.";
        }

        var bad = HexText.TryRead(text, out var value);
        if (bad >= 0)
        {
            return $"The probe id \"{text}\" has {HexText.Describe(text[bad])} at index {bad}; only 0-9 and a-f are allowed.";
        }

        if (value == 0)
        {
            return $"The probe id \"{text}\" is all zeros, which W3C trace context forbids.";
        }

        id = new ProbeId(value);
        return null;
    }

    /// <summary>Writes the 8 bytes in big-endian (W3C) order.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 8 bytes.</exception>
    public void WriteBytes(Span<byte> destination)
    {
        if (destination.Length < ByteLength)
        {
            throw new ArgumentException($"A probe id needs {ByteLength} bytes, the destination has {destination.Length}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, Value);
    }

    /// <summary>Returns the 8 bytes in big-endian (W3C) order.</summary>
    public byte[] ToByteArray()
    {
        var bytes = new byte[ByteLength];
        WriteBytes(bytes);
        return bytes;
    }

    /// <summary>Writes the 16 lowercase hex chars; false when the destination is too short.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        if (destination.Length < HexLength)
        {
            charsWritten = 0;
            return false;
        }

        HexText.WriteChars(Value, destination);
        charsWritten = HexLength;
        return true;
    }

    /// <summary>Writes the 16 lowercase hex chars as UTF-8; false when the destination is too short.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten)
    {
        if (utf8Destination.Length < HexLength)
        {
            bytesWritten = 0;
            return false;
        }

        HexText.WriteUtf8(Value, utf8Destination);
        bytesWritten = HexLength;
        return true;
    }

    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    bool IUtf8SpanFormattable.TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(utf8Destination, out bytesWritten);

    /// <summary>The 16 lowercase hex chars.</summary>
    public override string ToString() =>
        string.Create(HexLength, this, static (span, id) => id.TryFormat(span, out _));

    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    public bool Equals(ProbeId other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ProbeId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Orders ids as unsigned 64-bit numbers, which is also the order of their hex text.</summary>
    public int CompareTo(ProbeId other) => Value.CompareTo(other.Value);

    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        ProbeId other => CompareTo(other),
        _ => throw new ArgumentException($"Cannot compare a probe id with {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>True when both ids have the same 64 bits.</summary>
    public static bool operator ==(ProbeId left, ProbeId right) => left.Equals(right);

    /// <summary>True when the ids differ in any bit.</summary>
    public static bool operator !=(ProbeId left, ProbeId right) => !left.Equals(right);

    /// <summary>True when <paramref name="left"/> sorts before <paramref name="right"/>.</summary>
    public static bool operator <(ProbeId left, ProbeId right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> sorts after <paramref name="right"/>.</summary>
    public static bool operator >(ProbeId left, ProbeId right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> sorts before or equals <paramref name="right"/>.</summary>
    public static bool operator <=(ProbeId left, ProbeId right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> sorts after or equals <paramref name="right"/>.</summary>
    public static bool operator >=(ProbeId left, ProbeId right) => left.CompareTo(right) >= 0;
}
