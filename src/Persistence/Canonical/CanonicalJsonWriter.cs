using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeSight.Persistence.Canonical;

/// <summary>
/// Writes one value tree as RFC 8785 bytes. Keeps the path of the value being written so that an error
/// can say exactly where the offending value is.
/// </summary>
internal sealed class CanonicalJsonWriter
{
    // 2^53: every integer below this magnitude is exact as a double; from it on (where rounding can land
    // exactly on 2^53 itself) the conversion is checked.
    private const double ExactIntegerLimit = 9007199254740992d;

    private readonly IBufferWriter<byte> _output;
    private readonly List<JsonPathSegment> _path = new();

    public CanonicalJsonWriter(IBufferWriter<byte> output) => _output = output;

    public void WriteElement(JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                WriteAscii("null");
                break;
            case JsonValueKind.True:
                WriteAscii("true");
                break;
            case JsonValueKind.False:
                WriteAscii("false");
                break;
            case JsonValueKind.String:
                WriteString(ReadString(element));
                break;
            case JsonValueKind.Number:
                if (!double.TryParse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
                {
                    throw Fail($"the number {element.GetRawText()} cannot be read as a double");
                }

                WriteNumber(number);
                break;
            case JsonValueKind.Array:
                EnterContainer(depth);
                WriteByte((byte)'[');
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (index > 0)
                    {
                        WriteByte((byte)',');
                    }

                    _path.Add(new JsonPathSegment(null, index));
                    WriteElement(item, depth + 1);
                    _path.RemoveAt(_path.Count - 1);
                    index++;
                }

                WriteByte((byte)']');
                break;
            case JsonValueKind.Object:
                EnterContainer(depth);
                var members = new List<KeyValuePair<string, JsonElement>>();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    members.Add(new KeyValuePair<string, JsonElement>(ReadName(property), property.Value));
                }

                WriteMembers(members, depth, (value, d) => WriteElement(value, d));
                break;
            default:
                throw Fail($"a JsonElement of kind {element.ValueKind} has no JSON form");
        }
    }

    public void WriteNode(JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                WriteAscii("null");
                break;
            case JsonObject jsonObject:
                EnterContainer(depth);
                var members = new List<KeyValuePair<string, JsonNode?>>(jsonObject.Count);
                foreach (KeyValuePair<string, JsonNode?> member in jsonObject)
                {
                    members.Add(member);
                }

                WriteMembers(members, depth, (value, d) => WriteNode(value, d));
                break;
            case JsonArray jsonArray:
                EnterContainer(depth);
                WriteByte((byte)'[');
                for (int i = 0; i < jsonArray.Count; i++)
                {
                    if (i > 0)
                    {
                        WriteByte((byte)',');
                    }

                    _path.Add(new JsonPathSegment(null, i));
                    WriteNode(jsonArray[i], depth + 1);
                    _path.RemoveAt(_path.Count - 1);
                }

                WriteByte((byte)']');
                break;
            case JsonValue jsonValue:
                if (jsonValue.TryGetValue(out JsonElement element))
                {
                    WriteElement(element, depth);
                }
                else
                {
                    WriteValue(jsonValue.GetValue<object>(), depth);
                }

                break;
            default:
                throw Fail($"unsupported JsonNode type {node.GetType().Name}");
        }
    }

    public void WriteValue(object? value, int depth)
    {
        switch (value)
        {
            case null:
                WriteAscii("null");
                return;
            case bool flag:
                WriteAscii(flag ? "true" : "false");
                return;
            case string text:
                WriteString(text);
                return;
            case char character:
                WriteString(character.ToString());
                return;
            case double d:
                WriteNumber(d);
                return;
            case float f:
                WriteNumber(f);
                return;
            case Half h:
                WriteNumber((double)h);
                return;
            case decimal m:
                WriteNumber((double)m);
                return;
            case int i:
                WriteNumber(i);
                return;
            case uint ui:
                WriteNumber(ui);
                return;
            case short s:
                WriteNumber(s);
                return;
            case ushort us:
                WriteNumber(us);
                return;
            case byte b:
                WriteNumber(b);
                return;
            case sbyte sb:
                WriteNumber(sb);
                return;
            case long l:
                WriteInteger(l);
                return;
            case ulong ul:
                WriteInteger(ul);
                return;
            case BigInteger big:
                WriteInteger(big);
                return;
            case JsonElement element:
                WriteElement(element, depth);
                return;
            case JsonDocument document:
                WriteElement(document.RootElement, depth);
                return;
            case JsonNode node:
                WriteNode(node, depth);
                return;
            case IDictionary dictionary:
                EnterContainer(depth);
                var members = new List<KeyValuePair<string, object?>>(dictionary.Count);
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Key is not string name)
                    {
                        throw Fail($"dictionary key {entry.Key} is a {entry.Key.GetType().Name}; JSON member names must be strings");
                    }

                    members.Add(new KeyValuePair<string, object?>(name, entry.Value));
                }

                WriteMembers(members, depth, WriteValue);
                return;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                EnterContainer(depth);
                WriteMembers(new List<KeyValuePair<string, object?>>(pairs), depth, WriteValue);
                return;
            case IEnumerable sequence:
                EnterContainer(depth);
                WriteByte((byte)'[');
                int index = 0;
                foreach (object? item in sequence)
                {
                    if (index > 0)
                    {
                        WriteByte((byte)',');
                    }

                    _path.Add(new JsonPathSegment(null, index));
                    WriteValue(item, depth + 1);
                    _path.RemoveAt(_path.Count - 1);
                    index++;
                }

                WriteByte((byte)']');
                return;
            default:
                throw Fail($"values of type {value.GetType().FullName} have no canonical JSON form; use dictionaries, lists, strings, numbers, booleans or null");
        }
    }

    private void WriteMembers<T>(List<KeyValuePair<string, T>> members, int depth, Action<T, int> writeValue)
    {
        // RFC 8785 3.2.3: sort by the UTF-16 code units of the names, which is exactly ordinal comparison.
        members.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        WriteByte((byte)'{');
        for (int i = 0; i < members.Count; i++)
        {
            string name = members[i].Key;
            _path.Add(new JsonPathSegment(name, -1));
            if (i > 0)
            {
                if (string.Equals(members[i - 1].Key, name, StringComparison.Ordinal))
                {
                    throw Fail("the member name appears twice in one object");
                }

                WriteByte((byte)',');
            }

            WriteString(name);
            WriteByte((byte)':');
            writeValue(members[i].Value, depth + 1);
            _path.RemoveAt(_path.Count - 1);
        }

        WriteByte((byte)'}');
    }

    private void EnterContainer(int depth)
    {
        if (depth >= CanonicalJson.MaxDepth)
        {
            throw Fail($"nesting is deeper than {CanonicalJson.MaxDepth} levels (is the object graph cyclic?)");
        }
    }

    private void WriteInteger(BigInteger value)
    {
        double asDouble = (double)value;
        if (Math.Abs(asDouble) >= ExactIntegerLimit && new BigInteger(asDouble) != value)
        {
            throw Fail($"the integer {value} cannot be represented exactly as an IEEE 754 double; write it as a string");
        }

        WriteNumber(asDouble);
    }

    private void WriteNumber(double value)
    {
        if (double.IsNaN(value))
        {
            throw Fail("NaN has no JSON form");
        }

        if (double.IsInfinity(value))
        {
            throw Fail($"{(value > 0 ? "Infinity" : "-Infinity")} has no JSON form (number out of double range)");
        }

        WriteAscii(EcmaScriptNumber.Format(value));
    }

    private void WriteString(string text)
    {
        WriteByte((byte)'"');
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '"':
                    WriteAscii("\\\"");
                    continue;
                case '\\':
                    WriteAscii("\\\\");
                    continue;
                case '\b':
                    WriteAscii("\\b");
                    continue;
                case '\f':
                    WriteAscii("\\f");
                    continue;
                case '\n':
                    WriteAscii("\\n");
                    continue;
                case '\r':
                    WriteAscii("\\r");
                    continue;
                case '\t':
                    WriteAscii("\\t");
                    continue;
            }

            if (c < 0x20)
            {
                // Other control characters: \u00XX with lowercase hex (RFC 8785 3.2.2.2).
                WriteAscii("\\u00");
                WriteByte((byte)"0123456789abcdef"[c >> 4]);
                WriteByte((byte)"0123456789abcdef"[c & 0xF]);
            }
            else if (c < 0x80)
            {
                WriteByte((byte)c);
            }
            else
            {
                Rune rune;
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    rune = new Rune(c, text[i + 1]);
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    throw Fail($"the string holds a lone surrogate U+{(int)c:X4} at UTF-16 index {i}; canonical JSON needs valid Unicode");
                }
                else
                {
                    rune = new Rune(c);
                }

                Span<byte> destination = _output.GetSpan(4);
                int written = rune.EncodeToUtf8(destination);
                _output.Advance(written);
            }
        }

        WriteByte((byte)'"');
    }

    private string ReadString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException exception)
        {
            throw Fail($"the string is not valid Unicode ({exception.Message})");
        }
    }

    private string ReadName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException exception)
        {
            throw Fail($"a member name is not valid Unicode ({exception.Message})");
        }
    }

    private void WriteAscii(string ascii)
    {
        Span<byte> destination = _output.GetSpan(ascii.Length);
        for (int i = 0; i < ascii.Length; i++)
        {
            destination[i] = (byte)ascii[i];
        }

        _output.Advance(ascii.Length);
    }

    private void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    private CanonicalJsonException Fail(string problem)
    {
        var path = new StringBuilder("$");
        foreach (JsonPathSegment segment in _path)
        {
            if (segment.Name is null)
            {
                path.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (IsIdentifier(segment.Name))
            {
                path.Append('.').Append(segment.Name);
            }
            else
            {
                path.Append("[\"").Append(segment.Name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"]");
            }
        }

        return new CanonicalJsonException(path.ToString(), problem);
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
