using System.Globalization;
using System.Text;

namespace CodeSight.Actors.Configuration;

/// <summary>
/// A hand-written recursive-descent parser from HOCON text to an unresolved <see cref="HoconObject"/>.
/// Every error names the origin, line and column of the offending character.
/// </summary>
internal sealed class HoconParser
{
    private readonly string _text;
    private readonly string _origin;
    private readonly string _baseDirectory;
    private readonly IReadOnlyList<string> _includeChain;
    private readonly IReadOnlyList<string> _rootPath;
    private int _index;
    private int _line = 1;
    private int _column = 1;

    private HoconParser(
        string text, string origin, string baseDirectory, IReadOnlyList<string> includeChain, IReadOnlyList<string> rootPath)
    {
        _text = text;
        _origin = origin;
        _baseDirectory = baseDirectory;
        _includeChain = includeChain;
        _rootPath = rootPath;
    }

    /// <summary>Parses a whole document.</summary>
    /// <param name="text">The HOCON text.</param>
    /// <param name="origin">The label used in positions: a file path, or a caller-chosen name.</param>
    /// <param name="baseDirectory">The directory that relative <c>include</c> names start from.</param>
    /// <param name="filePath">The document's own full path when it is a file, for include-cycle detection.</param>
    public static HoconObject Parse(string text, string origin, string baseDirectory, string? filePath = null) =>
        new HoconParser(text, origin, baseDirectory, filePath is null ? [] : [filePath], []).ParseDocument();

    private HoconPosition Here => new(_origin, _line, _column);

    private bool AtEnd => _index >= _text.Length;

    private char Peek(int ahead = 0) => _index + ahead < _text.Length ? _text[_index + ahead] : '\0';

    private void Advance()
    {
        if (_text[_index] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _index++;
    }

    private void Advance(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Advance();
        }
    }

    private HoconObject ParseDocument()
    {
        SkipBlank();
        if (Peek() == '{')
        {
            var root = ParseBracedObject(_rootPath);
            SkipBlank();
            if (!AtEnd)
            {
                throw Error(Here, $"unexpected {DescribeNext()} after the closing '}}' of the root object");
            }

            return root;
        }

        var unbraced = new HoconObject(Here);
        ParseFields(unbraced, open: null, _rootPath);
        return unbraced;
    }

    private HoconObject ParseBracedObject(IReadOnlyList<string> path)
    {
        var open = Here;
        Advance();
        var result = new HoconObject(open);
        ParseFields(result, open, path);
        return result;
    }

    private void ParseFields(HoconObject target, HoconPosition? open, IReadOnlyList<string> path)
    {
        while (true)
        {
            SkipBlank();
            if (AtEnd)
            {
                if (open is { } o)
                {
                    throw Error(Here, $"unterminated object: expected '}}' to close the '{{' at line {o.Line}, column {o.Column}");
                }

                return;
            }

            if (Peek() == '}')
            {
                if (open is null)
                {
                    throw Error(Here, "unexpected '}' with no object open");
                }

                Advance();
                return;
            }

            var context = TryParseInclude(target, path) ? "include" : ParseField(target, path);
            ExpectSeparator($"after the value of '{context}'");
        }
    }

    /// <summary>Parses <c>key = value</c>, <c>key : value</c>, <c>key { ... }</c> or <c>key += value</c>.</summary>
    /// <returns>The key as written, for later error messages.</returns>
    private string ParseField(HoconObject target, IReadOnlyList<string> path)
    {
        var keyPosition = Here;
        var segments = ParseKey();
        var keyText = HoconPath.Render(segments);
        var fieldPath = path.Concat(segments).ToArray();
        SkipInline();

        HoconNode value;
        var c = Peek();
        if (c == '{')
        {
            value = ParseBracedObject(fieldPath);
        }
        else if (c is '=' or ':')
        {
            Advance();
            SkipInlineWhitespace();
            value = ParseValue(keyText, fieldPath);
        }
        else if (c == '+' && Peek(1) == '=')
        {
            Advance(2);
            SkipInlineWhitespace();
            var appended = ParseValue(keyText, fieldPath);
            var element = new HoconArray(appended.Position, [appended]);
            value = Exists(target, segments)
                ? new HoconConcatenation(appended.Position, [new HoconSubstitution(appended.Position, fieldPath, optional: true), element])
                : element;
        }
        else
        {
            throw Error(Here, $"expected '=', ':' or '{{' after the key '{keyText}' but found {DescribeNext()}");
        }

        for (var i = segments.Count - 1; i > 0; i--)
        {
            var wrapper = new HoconObject(keyPosition);
            wrapper.Set(segments[i], value);
            value = wrapper;
        }

        target.MergeField(segments[0], value);
        return keyText;
    }

    private static bool Exists(HoconObject target, IReadOnlyList<string> segments)
    {
        HoconNode current = target;
        foreach (var segment in segments)
        {
            if (current is not HoconObject o || !o.TryGet(segment, out current))
            {
                return false;
            }
        }

        return true;
    }

    private List<string> ParseKey()
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        var hasText = false;
        while (!AtEnd)
        {
            var c = Peek();
            if (c == '"')
            {
                current.Append(ParseQuoted());
                hasText = true;
            }
            else if (c == '.')
            {
                if (!hasText)
                {
                    throw Error(Here, "empty key segment before '.'");
                }

                segments.Add(current.ToString());
                current.Clear();
                hasText = false;
                Advance();
            }
            else if (EndsUnquoted(c))
            {
                break;
            }
            else
            {
                current.Append(c);
                hasText = true;
                Advance();
            }
        }

        if (!hasText)
        {
            throw Error(Here, segments.Count == 0 ? $"expected a key but found {DescribeNext()}" : "a key cannot end with '.'");
        }

        segments.Add(current.ToString());
        return segments;
    }

    private HoconNode ParseValue(string context, IReadOnlyList<string> path)
    {
        var parts = new List<HoconNode>();
        while (true)
        {
            var separatorStart = Here;
            var separatorIndex = _index;
            SkipInlineWhitespace();
            if (AtValueEnd())
            {
                break;
            }

            if (parts.Count > 0 && _index > separatorIndex)
            {
                var separator = _text[separatorIndex.._index];
                parts.Add(new HoconScalar(separatorStart, separator, HoconScalarKind.String, isSeparator: true));
            }

            parts.Add(ParseSingleValue(path));
        }

        if (parts.Count == 0)
        {
            throw Error(Here, $"expected a value for '{context}' but found {DescribeNext()}");
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        if (parts.TrueForAll(p => p is HoconScalar))
        {
            var joined = string.Concat(parts.Select(p => ((HoconScalar)p).Text));
            return new HoconScalar(parts[0].Position, joined, HoconScalarKind.String);
        }

        return new HoconConcatenation(parts[0].Position, parts);
    }

    private HoconNode ParseSingleValue(IReadOnlyList<string> path)
    {
        var position = Here;
        var c = Peek();
        switch (c)
        {
            case '{':
                return ParseBracedObject(path);
            case '[':
                return ParseArray(path);
            case '"':
                if (Peek(1) == '"' && Peek(2) == '"')
                {
                    return new HoconScalar(position, ParseTripleQuoted(), HoconScalarKind.String);
                }

                return new HoconScalar(position, ParseQuoted(), HoconScalarKind.String);
            case '$':
                if (Peek(1) != '{')
                {
                    throw Error(position, "'$' must start a substitution such as ${path}; quote the value to use a literal '$'");
                }

                return ParseSubstitution();
        }

        if (HoconText.IsForbiddenInUnquoted(c))
        {
            throw Error(position, $"unexpected {DescribeNext()} in a value; quote the value to use it literally");
        }

        var builder = new StringBuilder();
        while (!AtEnd && !EndsUnquoted(Peek()))
        {
            builder.Append(Peek());
            Advance();
        }

        var text = builder.ToString();
        var kind = text switch
        {
            "true" or "false" => HoconScalarKind.Boolean,
            "null" => HoconScalarKind.Null,
            _ when HoconText.IsNumber(text) => HoconScalarKind.Number,
            _ => HoconScalarKind.String,
        };
        return new HoconScalar(position, text, kind);
    }

    private HoconArray ParseArray(IReadOnlyList<string> path)
    {
        var open = Here;
        Advance();
        var items = new List<HoconNode>();
        while (true)
        {
            SkipBlank();
            if (AtEnd)
            {
                throw Error(Here, $"unterminated array: expected ']' to close the '[' at line {open.Line}, column {open.Column}");
            }

            if (Peek() == ']')
            {
                Advance();
                return new HoconArray(open, items);
            }

            items.Add(ParseValue($"element {items.Count}", path));
            SkipInline();
            if (Peek() == ',')
            {
                Advance();
            }
            else if (!AtEnd && Peek() is not ('\n' or ']'))
            {
                throw Error(Here, $"expected ',', a newline or ']' after array element {items.Count - 1} but found {DescribeNext()}");
            }
        }
    }

    private string ParseQuoted()
    {
        var open = Here;
        Advance();
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd || Peek() == '\n')
            {
                throw Error(open, "unterminated quoted string: no closing '\"' on the same line");
            }

            var c = Peek();
            if (c == '"')
            {
                Advance();
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                Advance();
                continue;
            }

            var escape = Here;
            Advance();
            if (AtEnd)
            {
                throw Error(open, "unterminated quoted string: no closing '\"' on the same line");
            }

            var e = Peek();
            switch (e)
            {
                case '"' or '\\' or '/': builder.Append(e); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    var hex = _index + 5 <= _text.Length ? _text.Substring(_index + 1, 4) : "";
                    if (!int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                        || hex.Length != 4)
                    {
                        throw Error(escape, "invalid \\u escape: expected four hexadecimal digits");
                    }

                    builder.Append((char)code);
                    Advance(4);
                    break;
                default:
                    throw Error(escape, $"invalid escape '\\{e}' in a quoted string");
            }

            Advance();
        }
    }

    private string ParseTripleQuoted()
    {
        var open = Here;
        Advance(3);
        var end = _text.IndexOf("\"\"\"", _index, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error(open, "unterminated triple-quoted string: no closing '\"\"\"'");
        }

        // Quotes right before the closing three belong to the content ("""a"""" is a").
        while (end + 3 < _text.Length && _text[end + 3] == '"')
        {
            end++;
        }

        var content = _text[_index..end];
        Advance(end + 3 - _index);
        return content;
    }

    private HoconSubstitution ParseSubstitution()
    {
        var open = Here;
        Advance(2);
        var optional = Peek() == '?';
        if (optional)
        {
            Advance();
        }

        var start = _index;
        var inQuote = false;
        while (!AtEnd && Peek() != '\n' && (inQuote || Peek() != '}'))
        {
            if (Peek() == '"')
            {
                inQuote = !inQuote;
            }

            Advance();
        }

        if (Peek() != '}')
        {
            throw Error(open, "unterminated substitution: expected '}' on the same line");
        }

        var expression = _text[start.._index].Trim();
        Advance();
        var path = HoconPath.Parse(expression, open);
        return _rootPath.Count == 0
            ? new HoconSubstitution(open, path, optional)
            : new HoconSubstitution(open, [.. _rootPath, .. path], optional, asWritten: path);
    }

    private bool TryParseInclude(HoconObject target, IReadOnlyList<string> path)
    {
        const string Keyword = "include";
        if (!_text.AsSpan(_index).StartsWith(Keyword, StringComparison.Ordinal)
            || !HoconText.IsInlineWhitespace(Peek(Keyword.Length)))
        {
            return false;
        }

        var lookahead = _index + Keyword.Length;
        while (lookahead < _text.Length && HoconText.IsInlineWhitespace(_text[lookahead]))
        {
            lookahead++;
        }

        var rest = _text.AsSpan(lookahead);
        if (!rest.StartsWith("\"") && !rest.StartsWith("required(") && !rest.StartsWith("file(")
            && !rest.StartsWith("url(") && !rest.StartsWith("classpath("))
        {
            return false; // a key that happens to be named "include"
        }

        var position = Here;
        Advance(lookahead - _index);
        var required = TryConsume("required(");
        SkipInlineWhitespace();
        var parentheses = required ? 1 : 0;
        if (TryConsume("file("))
        {
            parentheses++;
        }
        else if (Peek() is 'u' or 'c')
        {
            throw Error(Here, "include url(...) and classpath(...) are not supported; use a file name");
        }

        SkipInlineWhitespace();
        if (Peek() != '"')
        {
            throw Error(Here, $"expected a quoted file name after include but found {DescribeNext()}");
        }

        var name = ParseQuoted();
        for (var i = 0; i < parentheses; i++)
        {
            SkipInlineWhitespace();
            if (!TryConsume(")"))
            {
                throw Error(Here, $"expected ')' to close the include but found {DescribeNext()}");
            }
        }

        var fullPath = Path.GetFullPath(Path.Combine(_baseDirectory, name));
        if (!File.Exists(fullPath))
        {
            if (required)
            {
                throw Error(position, $"required include file '{fullPath}' does not exist");
            }

            return true; // HOCON: a plain include of a missing file is silently ignored
        }

        if (_includeChain.Contains(fullPath, StringComparer.Ordinal))
        {
            throw Error(position, $"include cycle: {string.Join(" -> ", _includeChain.Append(fullPath))}");
        }

        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (IOException ex)
        {
            throw new ConfigurationException($"cannot read include file '{fullPath}': {ex.Message}", position, ex);
        }

        var included = new HoconParser(
            text, fullPath, Path.GetDirectoryName(fullPath) ?? _baseDirectory, [.. _includeChain, fullPath], path).ParseDocument();
        foreach (var key in included.Keys)
        {
            included.TryGet(key, out var value);
            target.MergeField(key, value);
        }

        return true;
    }

    private bool TryConsume(string literal)
    {
        if (!_text.AsSpan(_index).StartsWith(literal, StringComparison.Ordinal))
        {
            return false;
        }

        Advance(literal.Length);
        return true;
    }

    private void ExpectSeparator(string context)
    {
        SkipInline();
        if (AtEnd || Peek() is '\n' or '}' or ']')
        {
            return;
        }

        if (Peek() == ',')
        {
            Advance();
            return;
        }

        throw Error(Here, $"expected ',' or a newline {context} but found {DescribeNext()}");
    }

    private bool EndsUnquoted(char c) =>
        c == '\n' || HoconText.IsInlineWhitespace(c) || HoconText.IsForbiddenInUnquoted(c) || (c == '/' && Peek(1) == '/');

    private bool AtValueEnd()
    {
        if (AtEnd)
        {
            return true;
        }

        var c = Peek();
        return c is '\n' or ',' or '}' or ']' or '#' || (c == '/' && Peek(1) == '/');
    }

    private void SkipInlineWhitespace()
    {
        while (!AtEnd && HoconText.IsInlineWhitespace(Peek()))
        {
            Advance();
        }
    }

    /// <summary>Skips spaces, tabs and comments, stopping at a newline.</summary>
    private void SkipInline()
    {
        while (!AtEnd)
        {
            var c = Peek();
            if (HoconText.IsInlineWhitespace(c))
            {
                Advance();
            }
            else if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                while (!AtEnd && Peek() != '\n')
                {
                    Advance();
                }
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Skips whitespace, newlines and comments.</summary>
    private void SkipBlank()
    {
        while (true)
        {
            SkipInline();
            if (AtEnd || Peek() != '\n')
            {
                return;
            }

            Advance();
        }
    }

    private string DescribeNext() => AtEnd ? "the end of the input" : Peek() switch
    {
        '\n' => "the end of the line",
        var c => $"'{c}'",
    };

    private static ConfigurationException Error(HoconPosition position, string reason) => new(reason, position);
}
