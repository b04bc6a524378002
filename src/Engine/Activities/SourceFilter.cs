namespace CodeSight.Engine.Activities;

/// <summary>
/// Which ActivitySources the bridge listens to: exact names, prefixes ending in <c>*</c>, or <c>*</c> for all. The
/// engine's own <see cref="ProbeActivity.SourceName"/> source and the unnamed source of activities made with
/// <c>new Activity(...)</c> (the probe-scope activities among them) never match, so nothing the engine emits comes back.
/// </summary>
internal sealed class SourceFilter
{
    private readonly string[] _exact;
    private readonly string[] _prefixes;
    private readonly bool _all;

    public SourceFilter(IReadOnlyList<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        foreach (var pattern in patterns)
        {
            if (!IsValidPattern(pattern)) throw new ArgumentException($"\"{pattern}\" is not a source name or a prefix ending in '*'.", nameof(patterns));
        }
        _all = patterns.Contains("*");
        _exact = patterns.Where(p => !p.EndsWith('*')).ToArray();
        _prefixes = patterns.Where(p => p.EndsWith('*') && p.Length > 1).Select(p => p[..^1]).ToArray();
    }

    public static bool IsValidPattern(string pattern) =>
        !string.IsNullOrWhiteSpace(pattern) && pattern.IndexOf('*') is var star && (star < 0 || star == pattern.Length - 1);

    public bool Matches(string sourceName)
    {
        if (sourceName.Length == 0 || sourceName == ProbeActivity.SourceName) return false;
        if (_all) return true;
        foreach (var name in _exact)
        {
            if (string.Equals(name, sourceName, StringComparison.Ordinal)) return true;
        }
        foreach (var prefix in _prefixes)
        {
            if (sourceName.StartsWith(prefix, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
