using System.Text.Json;

namespace CodeSight.Contracts.Records;

/// <summary>Epoch microseconds written as an epoch-millisecond JSON number, and read back exactly.</summary>
internal static class EpochMillis
{
    /// <summary>Formats <paramref name="micros"/> as milliseconds: integral when whole, else up to 3 decimals, no exponent.</summary>
    public static int Format(long micros, Span<byte> destination)
    {
        var length = 0;
        // The magnitude is taken as ulong so that long.MinValue does not overflow on negation.
        var magnitude = micros < 0 ? (ulong)(-(micros + 1)) + 1 : (ulong)micros;
        if (micros < 0)
        {
            destination[length++] = (byte)'-';
        }

        var whole = magnitude / 1000;
        var fraction = (int)(magnitude % 1000);
        whole.TryFormat(destination[length..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        length += written;
        if (fraction != 0)
        {
            destination[length++] = (byte)'.';
            destination[length++] = (byte)('0' + (fraction / 100));
            var tens = fraction / 10 % 10;
            var ones = fraction % 10;
            if (tens != 0 || ones != 0)
            {
                destination[length++] = (byte)('0' + tens);
            }

            if (ones != 0)
            {
                destination[length++] = (byte)('0' + ones);
            }
        }

        return length;
    }

    public static void Write(Utf8JsonWriter writer, long micros)
    {
        Span<byte> buffer = stackalloc byte[32];
        writer.WriteRawValue(buffer[..Format(micros, buffer)], skipInputValidation: true);
    }

    /// <summary>Reads a millisecond number into exact microseconds; fails on finer precision or overflow.</summary>
    public static long Read(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new TraceRecordFormatException(field, $"expected epoch milliseconds as a JSON number, found {Describe(reader.TokenType)}.");
        }

        if (!reader.TryGetDecimal(out var millis))
        {
            throw new TraceRecordFormatException(field, $"the number {System.Text.Encoding.UTF8.GetString(reader.ValueSpan)} is out of range for epoch milliseconds.");
        }

        var micros = millis * 1000m;
        if (micros != decimal.Truncate(micros))
        {
            throw new TraceRecordFormatException(field, $"{millis} ms has more than 3 decimals; timestamps are whole microseconds.");
        }

        if (micros < long.MinValue || micros > long.MaxValue)
        {
            throw new TraceRecordFormatException(field, $"{millis} ms is out of range for epoch microseconds.");
        }

        return (long)micros;
    }

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}
