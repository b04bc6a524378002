namespace CodeSight.Engine.Sight;

/// <summary>
/// A rule applied to manual log observations (<see cref="SightRegistry.Log(string, string, string, CodeSight.Engine.Recording.ProbeHandle?, CodeSight.Contracts.Observations.Modality)"/>) before they are published: it either
/// drops matching lines or rewrites their level. A rule matches when every condition it sets holds: the target
/// (exact, or a prefix when it ends with <c>*</c>), a substring of the message (ordinal), and the incoming level
/// (case-insensitive). Rules are tried in the order they were added; the first match wins.
/// </summary>
public sealed record LogRule
{
    private LogRule(string name, string? target, string? contains, string? level, string? newLevel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (target is not null) ArgumentException.ThrowIfNullOrWhiteSpace(target, nameof(target));
        if (contains is not null) ArgumentException.ThrowIfNullOrEmpty(contains, nameof(contains));
        if (level is not null) ArgumentException.ThrowIfNullOrWhiteSpace(level, nameof(level));
        Name = name;
        Target = target;
        Contains = contains;
        Level = level;
        NewLevel = newLevel;
    }

    /// <summary>A rule that drops the matching log lines (they are counted in <see cref="SightRegistry.LogsDroppedByRules"/>).</summary>
    /// <param name="name">The rule's name; adding a rule with the same name replaces it.</param>
    /// <param name="target">Match this target, or targets starting with it when it ends with <c>*</c>; null for any.</param>
    /// <param name="contains">Match messages containing this text; null for any.</param>
    /// <param name="level">Match this incoming level; null for any.</param>
    public static LogRule Drop(string name, string? target = null, string? contains = null, string? level = null) =>
        new(name, target, contains, level, null);

    /// <summary>A rule that turns the level of matching log lines up or down to <paramref name="newLevel"/>.</summary>
    /// <param name="name">The rule's name; adding a rule with the same name replaces it.</param>
    /// <param name="newLevel">The level the matching lines get, such as <c>ERROR</c> or <c>DEBUG</c>.</param>
    /// <param name="target">Match this target, or targets starting with it when it ends with <c>*</c>; null for any.</param>
    /// <param name="contains">Match messages containing this text; null for any.</param>
    /// <param name="level">Match this incoming level; null for any.</param>
    public static LogRule SetLevel(string name, string newLevel, string? target = null, string? contains = null, string? level = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newLevel);
        return new LogRule(name, target, contains, level, newLevel);
    }

    /// <summary>The rule's name.</summary>
    public string Name { get; }

    /// <summary>The target condition, or null.</summary>
    public string? Target { get; }

    /// <summary>The message substring condition, or null.</summary>
    public string? Contains { get; }

    /// <summary>The incoming level condition, or null.</summary>
    public string? Level { get; }

    /// <summary>The level matching lines get, or null when the rule drops them.</summary>
    public string? NewLevel { get; }

    /// <summary>True when the rule drops what it matches.</summary>
    public bool Drops => NewLevel is null;

    /// <summary>Whether a log line with this target, message and level meets every condition of the rule.</summary>
    public bool Matches(string target, string message, string level)
    {
        if (Target is not null)
        {
            var prefix = Target.EndsWith('*');
            var matched = prefix
                ? target.AsSpan().StartsWith(Target.AsSpan(0, Target.Length - 1), StringComparison.Ordinal)
                : string.Equals(target, Target, StringComparison.Ordinal);
            if (!matched) return false;
        }

        return (Contains is null || message.Contains(Contains, StringComparison.Ordinal))
            && (Level is null || string.Equals(level, Level, StringComparison.OrdinalIgnoreCase));
    }
}
