using System.Collections;
using System.Globalization;

namespace CodeSight.Hosting.Logging;

/// <summary>
/// Turns a logged value into one an observation field can carry (null, string, boolean, number, list, string-keyed
/// bag). Numbers and booleans keep their type; times, ids and enums become their invariant text; anything else its
/// <see cref="object.ToString"/>.
/// </summary>
internal static class LogValue
{
    /// <summary>Most items kept from a logged collection; the rest are counted in a final marker item.</summary>
    public const int MaxItems = 100;

    public static object? Convert(object? value, int depth = 0) => value switch
    {
        null => null,
        string or bool or int or long or short or sbyte or byte or ushort or uint => value,
        // JSON (and so the ledger's canonical form) has no NaN or infinity: those travel as their text.
        double d => double.IsFinite(d) ? d : d.ToString(CultureInfo.InvariantCulture),
        float f => float.IsFinite(f) ? f : f.ToString(CultureInfo.InvariantCulture),
        ulong big => big <= long.MaxValue ? (long)big : big.ToString(CultureInfo.InvariantCulture),
        decimal number => (double)number,
        char c => c.ToString(),
        Enum e => e.ToString(),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IEnumerable<KeyValuePair<string, object?>> pairs when depth < 2 => Bag(pairs, depth + 1),
        IEnumerable items when depth < 2 => List(items, depth + 1),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static Dictionary<string, object?> Bag(IEnumerable<KeyValuePair<string, object?>> pairs, int depth)
    {
        var bag = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, item) in pairs) bag[key] = Convert(item, depth);
        return bag;
    }

    private static List<object?> List(IEnumerable items, int depth)
    {
        var list = new List<object?>();
        var skipped = 0;
        foreach (var item in items)
        {
            if (list.Count < MaxItems) list.Add(Convert(item, depth));
            else skipped++;
        }

        if (skipped > 0) list.Add($"... {skipped} more");
        return list;
    }
}
