using System.Text;

namespace CodeSight.Actors.Configuration;

/// <summary>
/// Path expressions such as <c>codesight.actor."/user/ledger".mailbox</c>: dots split segments, quoted parts
/// keep their dots.
/// </summary>
internal static class HoconPath
{
    /// <summary>Splits a path expression into its segments.</summary>
    /// <exception cref="ConfigurationException">The path is empty, has an empty segment or an unterminated quote.</exception>
    public static string[] Parse(string path, HoconPosition? position = null)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        var segmentHasText = false;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '"')
            {
                var end = path.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw Error(path, $"unterminated quote at index {i}", position);
                }

                current.Append(path, i + 1, end - i - 1);
                segmentHasText = true;
                i = end;
            }
            else if (c == '.')
            {
                if (!segmentHasText)
                {
                    throw Error(path, $"empty segment before the '.' at index {i}", position);
                }

                segments.Add(current.ToString());
                current.Clear();
                segmentHasText = false;
            }
            else if (char.IsWhiteSpace(c))
            {
                throw Error(path, $"unquoted whitespace at index {i}", position);
            }
            else
            {
                current.Append(c);
                segmentHasText = true;
            }
        }

        if (!segmentHasText)
        {
            throw Error(path, path.Length == 0 ? "the path is empty" : "the path ends with '.'", position);
        }

        segments.Add(current.ToString());
        return [.. segments];
    }

    /// <summary>Joins segments back into a path expression, quoting any segment that needs it.</summary>
    public static string Render(IReadOnlyList<string> segments)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < segments.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('.');
            }

            builder.Append(RenderKey(segments[i]));
        }

        return builder.ToString();
    }

    /// <summary>A single key as it can be written in HOCON: bare when safe, quoted otherwise.</summary>
    public static string RenderKey(string key)
    {
        if (key.Length > 0 && key.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
        {
            return key;
        }

        return HoconText.Quote(key);
    }

    private static ConfigurationException Error(string path, string reason, HoconPosition? position) =>
        new($"invalid path '{path}': {reason}", position);
}
