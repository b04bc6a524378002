namespace CodeSight.Actors.Configuration;

/// <summary>
/// HOCON durations: a number and an optional unit, exactly the spec's lowercase set (<c>ns us ms s m h d</c>,
/// each also spelled out in the singular and plural); a bare number is milliseconds and <c>infinite</c> is
/// <see cref="Timeout.InfiniteTimeSpan"/>.
/// </summary>
internal static class HoconDuration
{
    private const decimal TicksPerNanosecond = 0.01m;

    private static readonly Dictionary<string, decimal> TicksPerUnit = new(StringComparer.Ordinal)
    {
        ["ns"] = TicksPerNanosecond,
        ["nanosecond"] = TicksPerNanosecond, ["nanoseconds"] = TicksPerNanosecond,
        ["us"] = TimeSpan.TicksPerMicrosecond,
        ["microsecond"] = TimeSpan.TicksPerMicrosecond, ["microseconds"] = TimeSpan.TicksPerMicrosecond,
        ["ms"] = TimeSpan.TicksPerMillisecond,
        ["millisecond"] = TimeSpan.TicksPerMillisecond, ["milliseconds"] = TimeSpan.TicksPerMillisecond,
        ["s"] = TimeSpan.TicksPerSecond, ["second"] = TimeSpan.TicksPerSecond, ["seconds"] = TimeSpan.TicksPerSecond,
        ["m"] = TimeSpan.TicksPerMinute, ["minute"] = TimeSpan.TicksPerMinute, ["minutes"] = TimeSpan.TicksPerMinute,
        ["h"] = TimeSpan.TicksPerHour, ["hour"] = TimeSpan.TicksPerHour, ["hours"] = TimeSpan.TicksPerHour,
        ["d"] = TimeSpan.TicksPerDay, ["day"] = TimeSpan.TicksPerDay, ["days"] = TimeSpan.TicksPerDay,
    };

    /// <summary>Parses a duration.</summary>
    /// <param name="text">The value's text.</param>
    /// <param name="value">The duration, on success.</param>
    /// <param name="error">What was expected, on failure.</param>
    public static bool TryParse(string text, out TimeSpan value, out string error)
    {
        value = default;
        if (text.Trim() == "infinite")
        {
            value = Timeout.InfiniteTimeSpan;
            error = "";
            return true;
        }

        if (!HoconUnitValue.TrySplit(text, out var number, out var unit))
        {
            error = "expected a duration such as 250ms, 10s or 5 minutes, or 'infinite'";
            return false;
        }

        decimal ticksPerUnit = TimeSpan.TicksPerMillisecond;
        if (unit.Length > 0 && !TicksPerUnit.TryGetValue(unit, out ticksPerUnit))
        {
            error = $"unknown duration unit '{unit}'; expected one of ns, us, ms, s, m, h, d (or their long names)";
            return false;
        }

        // TimeSpan counts 100 ns ticks: finer values round to the nearest tick. Ticks beyond decimal's range
        // (about 7.9e28) overflow before the long check can see them.
        decimal ticks;
        try
        {
            ticks = Math.Round(number * ticksPerUnit, MidpointRounding.AwayFromZero);
        }
        catch (OverflowException)
        {
            ticks = decimal.MaxValue;
        }

        if (ticks > long.MaxValue || ticks < long.MinValue)
        {
            error = "the duration is too large for a TimeSpan";
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        error = "";
        return true;
    }
}
