using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace CodeSight.Contracts.Records;

/// <summary>Writes and reads attribute bags as JSON without reflection.</summary>
internal static class AttributeJson
{
    /// <summary>Nesting deeper than this is written as a marker, so a cyclic bag cannot overflow the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>What a too-deep (or cyclic) subtree is written as.</summary>
    public const string TooDeepMarker = "[insight:too-deep]";

    public static void WriteBag(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> bag, int depth)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in bag)
        {
            writer.WritePropertyName(key);
            WriteValue(writer, value, depth + 1);
        }

        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value, int depth)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string text:
                writer.WriteStringValue(text);
                return;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return;
            case int or long or short or sbyte or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case ulong big:
                writer.WriteNumberValue(big);
                return;
            case double number:
                WriteFloating(writer, number);
                return;
            case float number:
                WriteFloating(writer, number);
                return;
            case Half number:
                WriteFloating(writer, (double)number);
                return;
            case decimal number:
                WriteFloating(writer, (double)number);
                return;
        }

        if (depth >= MaxDepth)
        {
            writer.WriteStringValue(TooDeepMarker);
            return;
        }

        switch (value)
        {
            case IReadOnlyDictionary<string, object?> bag:
                WriteBag(writer, bag, depth);
                return;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    WriteValue(writer, entry.Value, depth + 1);
                }

                writer.WriteEndObject();
                return;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                return;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                return;
        }
    }

    // A floating value always carries a '.' or an exponent on the wire, so that 2.0 reads back as a double
    // and not as the integer 2. JSON has no NaN or infinities: those are written as strings.
    private static void WriteFloating(Utf8JsonWriter writer, double number)
    {
        if (!double.IsFinite(number))
        {
            writer.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
            return;
        }

        Span<byte> buffer = stackalloc byte[40];
        number.TryFormat(buffer, out var length, "R", CultureInfo.InvariantCulture);
        if (buffer[..length].IndexOfAny(".eE"u8) < 0)
        {
            buffer[length++] = (byte)'.';
            buffer[length++] = (byte)'0';
        }

        writer.WriteRawValue(buffer[..length], skipInputValidation: true);
    }

    public static Dictionary<string, object?> ReadBag(ref Utf8JsonReader reader, string path)
    {
        var bag = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            bag[key] = ReadValue(ref reader, path + "." + key);
        }

        return bag;
    }

    public static object? ReadValue(ref Utf8JsonReader reader, string path)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return ReadNumber(ref reader, path);
            case JsonTokenType.StartObject:
                return ReadBag(ref reader, path);
            case JsonTokenType.StartArray:
                var items = new List<object?>();
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, $"{path}[{index++}]"));
                }

                return items;
            default:
                throw new TraceRecordFormatException(path, $"unexpected {reader.TokenType}.");
        }
    }

    private static object ReadNumber(ref Utf8JsonReader reader, string path)
    {
        ReadOnlySpan<byte> raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;
        if (raw.IndexOfAny(".eE"u8) < 0)
        {
            if (reader.TryGetInt64(out var whole))
            {
                return whole;
            }

            if (reader.TryGetUInt64(out var big))
            {
                return big;
            }
        }

        if (reader.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }

        throw new TraceRecordFormatException(path, $"the number {System.Text.Encoding.UTF8.GetString(raw)} does not fit a double.");
    }
}
