namespace CodeSight.Actors.Configuration;

/// <summary>
/// The one merge rule HOCON uses for repeated keys, included files and fallbacks alike: two objects merge
/// field by field, otherwise the newer value wins, unless the outcome waits on a substitution.
/// </summary>
internal static class HoconMerge
{
    /// <summary>Combines <paramref name="newer"/> set over <paramref name="older"/>.</summary>
    public static HoconNode Combine(HoconNode newer, HoconNode older)
    {
        if (newer is HoconObject newerObject)
        {
            if (newerObject.IgnoresFallbacks)
            {
                return newerObject;
            }

            if (older is HoconObject olderObject)
            {
                return Objects(newerObject, olderObject);
            }

            // An object over a substitution merges with what the substitution turns out to be.
            return older.IsPending ? new HoconOverride(newer, older) : newerObject.HidingFallbacks();
        }

        // A pending value may resolve to nothing (${?x}) or refer to the older value: keep both until then.
        return newer.IsPending ? new HoconOverride(newer, older) : newer;
    }

    /// <summary>Merges two objects deeply into a new object; neither input is changed.</summary>
    public static HoconObject Objects(HoconObject newer, HoconObject older)
    {
        var merged = new HoconObject(newer.Position, older.IgnoresFallbacks);
        foreach (var key in older.Keys)
        {
            older.TryGet(key, out var value);
            merged.Set(key, value);
        }

        foreach (var key in newer.Keys)
        {
            newer.TryGet(key, out var value);
            merged.MergeField(key, value);
        }

        return merged;
    }
}
