using System.Buffers;
using System.Text.Json;

namespace CodeSight.Persistence.Canonical;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): one byte sequence per JSON value, so that a ledger leaf hash
/// computed here can be recomputed by anyone. Object members are sorted by the UTF-16 code units of their
/// names, numbers are written as ECMAScript writes doubles, strings use the minimal JCS escapes, and there is
/// no whitespace. Values that have no canonical form (NaN, infinities, lone surrogates, duplicate names,
/// integers a double cannot hold exactly) raise a <see cref="CanonicalJsonException"/> naming their path.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Deepest nesting of arrays and objects accepted; deeper input (or a cyclic object graph) is refused.</summary>
    public const int MaxDepth = 128;

    /// <summary>Canonical UTF-8 bytes of a parsed JSON value.</summary>
    /// <param name="value">The value; numbers are read as IEEE 754 doubles, as RFC 8785 requires.</param>
    public static byte[] Serialize(JsonElement value)
    {
        var output = new ArrayBufferWriter<byte>(256);
        new CanonicalJsonWriter(output).WriteElement(value, 0);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Canonical UTF-8 bytes of a plain object tree: <see langword="null"/>, <see cref="bool"/>,
    /// <see cref="string"/>, <see cref="char"/>, the CLR numeric types, dictionaries with string keys,
    /// enumerables (as arrays), and <see cref="JsonElement"/>/<see cref="System.Text.Json.Nodes.JsonNode"/>/<see cref="JsonDocument"/> leaves.
    /// A <see cref="System.Text.Json.Nodes.JsonNode"/> tree is passed here too (a null node is the literal <c>null</c>). There is deliberately
    /// no <see cref="System.Text.Json.Nodes.JsonNode"/> overload: JsonNode's implicit conversions from primitives would capture plain
    /// numbers and bypass the exact-integer check.
    /// </summary>
    /// <param name="value">The root of the tree.</param>
    public static byte[] Serialize(object? value)
    {
        var output = new ArrayBufferWriter<byte>(256);
        Write(value, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes the canonical UTF-8 bytes of <paramref name="value"/> (see <see cref="Serialize(object?)"/>) to <paramref name="output"/>.</summary>
    /// <param name="value">The root of the tree.</param>
    /// <param name="output">Receives the bytes; on error it may hold a partial prefix and should be discarded.</param>
    public static void Write(object? value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        new CanonicalJsonWriter(output).WriteValue(value, 0);
    }

    /// <summary>Re-writes JSON text in canonical form.</summary>
    /// <param name="json">JSON text holding exactly one value.</param>
    /// <exception cref="JsonException">The text is not valid JSON; the message gives line and byte position.</exception>
    public static byte[] Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth + 1 });
        return Serialize(document.RootElement);
    }
}
