using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace CodeSight.Contracts.Ids;

/// <summary>
/// The 128-bit id of a trail. It is written as 32 lowercase hex chars, big-endian, and maps 1:1 onto a W3C
/// trace id. The all-zero value is reserved (W3C forbids it): <see cref="New"/> never returns it and
/// <see cref="Parse(ReadOnlySpan{char})"/> rejects it; it is only ever <c>default</c>.
/// </summary>
public readonly struct TrailId : IEquatable<TrailId>, IComparable<TrailId>, IComparable, ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>The number of chars in the text form.</summary>
    public const int HexLength = 32;

    /// <summary>The number of bytes in the binary form.</summary>
    public const int ByteLength = 16;

    /// <summary>Creates an id from its two big-endian halves.</summary>
    public TrailId(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    /// <summary>Creates an id from its 16 bytes in big-endian (W3C) order.</summary>
    /// <exception cref="ArgumentException">The span is not exactly 16 bytes long.</exception>
    public TrailId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteLength)
        {
            throw new ArgumentException($"A trail id needs exactly {ByteLength} bytes, got {bytes.Length}.", nameof(bytes));
        }

        High = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        Low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
    }

    /// <summary>The first (most significant) 8 bytes.</summary>
    public ulong High { get; }

    /// <summary>The last (least significant) 8 bytes.</summary>
    public ulong Low { get; }

    /// <summary>True for <c>default(TrailId)</c>, the reserved all-zero value.</summary>
    public bool IsEmpty => High == 0 && Low == 0;

    /// <summary>Mints a fresh random id; thread-safe, lock-free, never all-zero.</summary>
    public static TrailId New()
    {
        var high = IdMint.Next();
        var low = high == 0 ? IdMint.NextNonZero() : IdMint.Next();
        return new TrailId(high, low);
    }

    /// <summary>Parses exactly 32 lowercase hex chars.</summary>
    /// <exception cref="FormatException">The text is not a valid trail id; the message names the text and the bad position.</exception>
    public static TrailId Parse(ReadOnlySpan<char> text)
    {
        var error = TryParseCore(text, out var id);
        return error is null ? id : throw new FormatException(error);
    }

    /// <inheritdoc cref="Parse(ReadOnlySpan{char})"/>
    public static TrailId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan());
    }

    /// <summary>Parses exactly 32 lowercase hex chars without throwing.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TrailId id) => TryParseCore(text, out id) is null;

    /// <summary>Parses exactly 32 lowercase hex chars without throwing; null is not an id.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TrailId id)
    {
        if (text is null)
        {
            id = default;
            return false;
        }

        return TryParse(text.AsSpan(), out id);
    }

    /// <summary>Parses exactly 32 lowercase hex UTF-8 bytes without throwing.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out TrailId id)
    {
        id = default;
        if (utf8Text.Length != HexLength
            || HexText.TryRead(utf8Text[..16], out var high) >= 0
            || HexText.TryRead(utf8Text[16..], out var low) >= 0
            || (high == 0 && low == 0))
        {
            return false;
        }

        id = new TrailId(high, low);
        return true;
    }

    private static string? TryParseCore(ReadOnlySpan<char> text, out TrailId id)
    {
        id = default;
        if (text.Length != HexLength)
        {
            return $"A trail id is {HexLength} lowercase hex chars, but \"{text}\" has {text.Length}.";
        }

        var bad = HexText.TryRead(text[..16], out var high);
        if (bad < 0)
        {
            bad = HexText.TryRead(text[16..], out var low);
            if (bad < 0)
            {
                if (high == 0 && low == 0)
                {
                    return $"The trail id \"{text}\" is all zeros, which W3C trace context forbids.";
                }

                id = new TrailId(high, low);
                return null;
            }

            bad += 16;
        }

        return $"The trail id \"{text}\" has {HexText.Describe(text[bad])} at index {bad}; only 0-9 and a-f are allowed.";
    }

    /// <summary>Writes the 16 bytes in big-endian (W3C) order.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 16 bytes.</exception>
    public void WriteBytes(Span<byte> destination)
    {
        if (destination.Length < ByteLength)
        {
            throw new ArgumentException($"A trail id needs {ByteLength} bytes, the destination has {destination.Length}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    /// <summary>Returns the 16 bytes in big-endian (W3C) order.</summary>
    public byte[] ToByteArray()
    {
        var bytes = new byte[ByteLength];
        WriteBytes(bytes);
        return bytes;
    }

    /// <summary>Writes the 32 lowercase hex chars; false when the destination is too short.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        if (destination.Length < HexLength)
        {
            charsWritten = 0;
            return false;
        }

        HexText.WriteChars(High, destination);
        HexText.WriteChars(Low, destination[16..]);
        charsWritten = HexLength;
        return true;
    }

    /// <summary>Writes the 32 lowercase hex chars as UTF-8; false when the destination is too short.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten)
    {
        if (utf8Destination.Length < HexLength)
        {
            bytesWritten = 0;
            return false;
        }

        HexText.WriteUtf8(High, utf8Destination);
        HexText.WriteUtf8(Low, utf8Destination[16..]);
        bytesWritten = HexLength;
        return true;
    }

    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    bool IUtf8SpanFormattable.TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(utf8Destination, out bytesWritten);

    /// <summary>The 32 lowercase hex chars.</summary>
    public override string ToString() =>
        string.Create(HexLength, this, static (span, id) => id.TryFormat(span, out _));

    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    public bool Equals(TrailId other) => High == other.High && Low == other.Low;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TrailId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(High, Low);

    /// <summary>Orders ids as unsigned 128-bit numbers, which is also the order of their hex text.</summary>
    public int CompareTo(TrailId other)
    {
        var byHigh = High.CompareTo(other.High);
        return byHigh != 0 ? byHigh : Low.CompareTo(other.Low);
    }

    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        TrailId other => CompareTo(other),
        _ => throw new ArgumentException($"Cannot compare a trail id with {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>True when both ids have the same 128 bits.</summary>
    public static bool operator ==(TrailId left, TrailId right) => left.Equals(right);

    /// <summary>True when the ids differ in any bit.</summary>
    public static bool operator !=(TrailId left, TrailId right) => !left.Equals(right);

    /// <summary>True when <paramref name="left"/> sorts before <paramref name="right"/>.</summary>
    public static bool operator <(TrailId left, TrailId right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> sorts after <paramref name="right"/>.</summary>
    public static bool operator >(TrailId left, TrailId right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> sorts before or equals <paramref name="right"/>.</summary>
    public static bool operator <=(TrailId left, TrailId right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> sorts after or equals <paramref name="right"/>.</summary>
    public static bool operator >=(TrailId left, TrailId right) => left.CompareTo(right) >= 0;
}
