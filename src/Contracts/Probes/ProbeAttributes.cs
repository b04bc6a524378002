using System.Collections;
using System.Collections.ObjectModel;

namespace CodeSight.Contracts.Probes;

/// <summary>
/// The attribute bag carried by probes, updates and observations: an <c>IReadOnlyDictionary&lt;string, object?&gt;</c>
/// whose values are null, strings, booleans, integral or floating numbers, nested dictionaries of the same kind,
/// or lists/arrays of such values. Any other value is rendered with <see cref="object.ToString"/> when written.
/// </summary>
public static class ProbeAttributes
{
    /// <summary>The reserved key that carries a fault's message past a status-less update; never a caller attribute.</summary>
    public const string FaultMessageKey = "insight.fault.message";

    /// <summary>The reserved key that carries a fault's exception type name; never a caller attribute.</summary>
    public const string FaultNameKey = "insight.fault.name";

    /// <summary>The reserved key that carries a fault's stack text; never a caller attribute.</summary>
    public const string FaultStackKey = "insight.fault.stack";

    /// <summary>The one shared empty bag; use it instead of allocating a new empty dictionary.</summary>
    public static IReadOnlyDictionary<string, object?> Empty { get; } = ReadOnlyDictionary<string, object?>.Empty;

    /// <summary>True for the three <c>insight.fault.*</c> keys.</summary>
    public static bool IsReserved(string key) =>
        key is FaultMessageKey or FaultNameKey or FaultStackKey;

    /// <summary>
    /// Deep value equality of two bags: same keys, and values equal by <see cref="ValuesEqual"/>.
    /// Two null bags are equal; a null bag equals an empty one.
    /// </summary>
    public static bool BagsEqual(IReadOnlyDictionary<string, object?>? left, IReadOnlyDictionary<string, object?>? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        var leftCount = left?.Count ?? 0;
        if (leftCount != (right?.Count ?? 0))
        {
            return false;
        }

        if (leftCount == 0)
        {
            return true;
        }

        foreach (var (key, value) in left!)
        {
            if (!right!.TryGetValue(key, out var other) || !ValuesEqual(value, other))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Deep equality of two attribute values. Integral numbers compare by value whatever their CLR type
    /// (an <c>int</c> 5 equals a <c>long</c> 5), floating numbers by value with NaN equal to NaN, but an
    /// integral never equals a floating number (the NDJSON codec keeps the two apart). Lists compare element
    /// by element whatever their collection type; other values use <see cref="object.Equals(object?)"/>.
    /// </summary>
    public static bool ValuesEqual(object? left, object? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null)
        {
            return false;
        }

        if (TryIntegral(left, out var leftInt))
        {
            return TryIntegral(right, out var rightInt) && leftInt == rightInt;
        }

        if (TryFloating(left, out var leftFloat))
        {
            return TryFloating(right, out var rightFloat)
                && (leftFloat.Equals(rightFloat) || (double.IsNaN(leftFloat) && double.IsNaN(rightFloat)));
        }

        if (left is IReadOnlyDictionary<string, object?> leftBag)
        {
            return right is IReadOnlyDictionary<string, object?> rightBag && BagsEqual(leftBag, rightBag);
        }

        if (left is not string && left is IEnumerable leftList)
        {
            if (right is string || right is not IEnumerable rightList || right is IReadOnlyDictionary<string, object?>)
            {
                return false;
            }

            var leftItems = leftList.GetEnumerator();
            var rightItems = rightList.GetEnumerator();
            while (true)
            {
                var leftMore = leftItems.MoveNext();
                if (leftMore != rightItems.MoveNext())
                {
                    return false;
                }

                if (!leftMore)
                {
                    return true;
                }

                if (!ValuesEqual(leftItems.Current, rightItems.Current))
                {
                    return false;
                }
            }
        }

        return left.Equals(right);
    }

    /// <summary>A hash consistent with <see cref="BagsEqual"/>: it depends on the keys and count only.</summary>
    public static int BagHashCode(IReadOnlyDictionary<string, object?>? bag)
    {
        if (bag is null || bag.Count == 0)
        {
            return 0;
        }

        // XOR of key hashes is independent of enumeration order, which BagsEqual ignores too.
        var hash = bag.Count;
        foreach (var key in bag.Keys)
        {
            hash ^= StringComparer.Ordinal.GetHashCode(key);
        }

        return hash;
    }

    internal static bool TryIntegral(object value, out Int128 result)
    {
        switch (value)
        {
            case int v: result = v; return true;
            case long v: result = v; return true;
            case short v: result = v; return true;
            case sbyte v: result = v; return true;
            case byte v: result = v; return true;
            case ushort v: result = v; return true;
            case uint v: result = v; return true;
            case ulong v: result = v; return true;
            default: result = 0; return false;
        }
    }

    internal static bool TryFloating(object value, out double result)
    {
        switch (value)
        {
            case double v: result = v; return true;
            case float v: result = v; return true;
            case decimal v: result = (double)v; return true;
            case Half v: result = (double)v; return true;
            default: result = 0; return false;
        }
    }
}
