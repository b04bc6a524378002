using System.Globalization;
using System.Text.Json;

namespace CodeSight.Server.Web.Protocol;

/// <summary>
/// Reads the fields of one JSON object of a client message, naming the full path of any field that is missing or
/// of the wrong type (<c>items[3].attributes.speed</c>) in the <see cref="ProtocolException"/> it throws.
/// </summary>
internal readonly struct JsonFields
{
    private readonly JsonElement _object;

    public JsonFields(JsonElement element, string path)
    {
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ProtocolException("bad_field", path.Length == 0 ? null : path, $"expected a JSON object, found {Describe(element)}.");
        }

        _object = element;
    }

    /// <summary>The path of this object ("" for the message itself).</summary>
    public string Path { get; }

    public string PathOf(string name) => Path.Length == 0 ? name : Path + "." + name;

    public JsonElement? Optional(string name) =>
        _object.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public JsonElement Required(string name, string expected) =>
        Optional(name) ?? throw new ProtocolException("missing_field", PathOf(name), $"is required ({expected}).");

    public string RequiredString(string name)
    {
        var value = Required(name, "a string");
        if (value.ValueKind != JsonValueKind.String) throw WrongType(name, "a string", value);
        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text)) throw new ProtocolException("bad_field", PathOf(name), "is empty.");
        return text;
    }

    public string? OptionalString(string name)
    {
        if (Optional(name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.String) throw WrongType(name, "a string", value);
        return value.GetString();
    }

    public double RequiredNumber(string name)
    {
        var value = Required(name, "a number");
        return Finite(name, value);
    }

    public bool OptionalBoolean(string name, bool @default)
    {
        if (Optional(name) is not { } value) return @default;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, "true or false", value),
        };
    }

    public bool RequiredBoolean(string name)
    {
        _ = Required(name, "true or false");
        return OptionalBoolean(name, false);
    }

    /// <summary>An optional epoch-milliseconds number, as epoch microseconds.</summary>
    public long? OptionalMillis(string name)
    {
        if (Optional(name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var millis)) throw WrongType(name, "epoch milliseconds as a number", value);
        var micros = decimal.Round(millis * 1000m, MidpointRounding.ToEven);
        // Before 1970 or after 9999 is no timestamp a host meant to send.
        if (micros < 0 || micros > 253_402_300_800_000_000m) throw new ProtocolException("bad_field", PathOf(name), $"{millis.ToString(CultureInfo.InvariantCulture)} is not an epoch-milliseconds time between 1970 and 9999.");
        return (long)micros;
    }

    public JsonFields RequiredObject(string name) => new(Required(name, "an object"), PathOf(name));

    public JsonFields? OptionalObject(string name) => Optional(name) is { } value ? new JsonFields(value, PathOf(name)) : null;

    /// <summary>The object's own properties.</summary>
    public JsonElement.ObjectEnumerator Properties() => _object.EnumerateObject();

    public IReadOnlyList<string> OptionalStrings(string name)
    {
        if (Optional(name) is not { } value) return [];
        if (value.ValueKind != JsonValueKind.Array) throw WrongType(name, "an array of strings", value);
        var list = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw new ProtocolException("bad_field", $"{PathOf(name)}[{index}]", $"expected a string, found {Describe(item)}.");
            list.Add(item.GetString()!);
            index++;
        }

        return list;
    }

    public double Finite(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number) throw WrongType(name, "a number", value);
        var number = value.GetDouble();
        if (!double.IsFinite(number)) throw new ProtocolException("bad_field", PathOf(name), "is not a finite number.");
        return number;
    }

    public ProtocolException WrongType(string name, string expected, JsonElement found) =>
        new("bad_field", PathOf(name), $"expected {expected}, found {Describe(found)}.");

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Shorten(element.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Shorten(element.GetRawText())}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
