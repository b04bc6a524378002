using System.Collections.Concurrent;
using System.Globalization;

namespace CodeSight.Actors.Configuration;

/// <summary>
/// An immutable HOCON configuration tree. Paths are dotted (<c>codesight.actor.ask-timeout</c>); a segment in
/// quotes keeps its dots (<c>codesight.actor.deployment."/user/ledger".mailbox</c>).
/// </summary>
/// <remarks>
/// Substitutions are resolved against the whole tree: explicitly by <see cref="Resolve"/>, or on the first
/// getter call. Combine configurations with <see cref="WithFallback"/> before reading so that substitutions see
/// the merged tree. Getters walk a dictionary tree and remember each path's answer, so they are cheap enough to
/// call whenever an actor starts. Instances are safe to share between threads.
/// </remarks>
public sealed class Config
{
    private readonly HoconObject _root;
    private readonly Lazy<HoconObject> _resolved;
    private readonly ConcurrentDictionary<string, HoconNode?> _lookups = new(StringComparer.Ordinal);

    internal Config(HoconObject root, bool isResolved)
    {
        _root = root;
        _resolved = isResolved
            ? new Lazy<HoconObject>(root)
            : new Lazy<HoconObject>(() => HoconResolver.Resolve(root), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A configuration with no keys.</summary>
    public static Config Empty { get; } = new(new HoconObject(new HoconPosition("empty", 0, 0)), isResolved: true);

    /// <summary>True when the root object has no keys.</summary>
    public bool IsEmpty => _root.Count == 0;

    /// <summary>The root object's keys in the order they were first set, e.g. the actor paths of a deployment section.</summary>
    public IReadOnlyCollection<string> Keys => Root.Keys;

    /// <summary>The resolved tree; resolving on first use is why a getter can throw a substitution error.</summary>
    private HoconObject Root => _resolved.Value;

    /// <summary>Whether a value other than null exists at <paramref name="path"/>.</summary>
    /// <exception cref="ConfigurationException">The path is malformed or a substitution cannot be resolved.</exception>
    public bool HasPath(string path) => Find(path) is not null and not HoconScalar { Kind: HoconScalarKind.Null };

    /// <summary>The value at <paramref name="path"/> as a string; numbers and booleans come back as written.</summary>
    /// <exception cref="ConfigurationException">The path is missing or null, or holds an object or array.</exception>
    public string GetString(string path) => ScalarText(path, Require(path), "a string");

    /// <summary>The string at <paramref name="path"/>, or <paramref name="default"/> when it is missing or null.</summary>
    /// <exception cref="ConfigurationException">The path holds an object or array.</exception>
    public string GetString(string path, string @default) =>
        Optional(path) is { } node ? ScalarText(path, node, "a string") : @default;

    /// <summary>The value at <paramref name="path"/> as a 32-bit integer.</summary>
    /// <exception cref="ConfigurationException">The path is missing, or its value is not a whole number in range.</exception>
    public int GetInt(string path) => ToInt(path, Require(path));

    /// <summary>The integer at <paramref name="path"/>, or <paramref name="default"/> when it is missing or null.</summary>
    /// <exception cref="ConfigurationException">The value is not a whole number in range.</exception>
    public int GetInt(string path, int @default) => Optional(path) is { } node ? ToInt(path, node) : @default;

    /// <summary>The value at <paramref name="path"/> as a 64-bit integer.</summary>
    /// <exception cref="ConfigurationException">The path is missing, or its value is not a whole number in range.</exception>
    public long GetLong(string path) => ToLong(path, Require(path));

    /// <summary>The integer at <paramref name="path"/>, or <paramref name="default"/> when it is missing or null.</summary>
    /// <exception cref="ConfigurationException">The value is not a whole number in range.</exception>
    public long GetLong(string path, long @default) => Optional(path) is { } node ? ToLong(path, node) : @default;

    /// <summary>The value at <paramref name="path"/> as a double.</summary>
    /// <exception cref="ConfigurationException">The path is missing, or its value is not a number.</exception>
    public double GetDouble(string path) => ToDouble(path, Require(path));

    /// <summary>The number at <paramref name="path"/>, or <paramref name="default"/> when it is missing or null.</summary>
    /// <exception cref="ConfigurationException">The value is not a number.</exception>
    public double GetDouble(string path, double @default) => Optional(path) is { } node ? ToDouble(path, node) : @default;

    /// <summary>The value at <paramref name="path"/> as a boolean: true/yes/on or false/no/off.</summary>
    /// <exception cref="ConfigurationException">The path is missing, or its value is none of those words.</exception>
    public bool GetBoolean(string path) => ToBoolean(path, Require(path));

    /// <summary>The boolean at <paramref name="path"/>, or <paramref name="default"/> when it is missing or null.</summary>
    /// <exception cref="ConfigurationException">The value is not a boolean word.</exception>
    public bool GetBoolean(string path, bool @default) => Optional(path) is { } node ? ToBoolean(path, node) : @default;

    /// <summary>
    /// The duration at <paramref name="path"/>: <c>250ms</c>, <c>10 seconds</c>, <c>5m</c>, <c>100ns</c>...; a bare
    /// number is milliseconds and <c>infinite</c> is <see cref="Timeout.InfiniteTimeSpan"/>.
    /// </summary>
    /// <exception cref="ConfigurationException">The path is missing, or the value or its unit is not a duration.</exception>
    public TimeSpan GetTimeSpan(string path) => ToTimeSpan(path, Require(path));

    /// <summary>The duration at <paramref name="path"/>, or <paramref name="default"/> when it is missing or null.</summary>
    /// <exception cref="ConfigurationException">The value or its unit is not a duration.</exception>
    public TimeSpan GetTimeSpan(string path, TimeSpan @default) =>
        Optional(path) is { } node ? ToTimeSpan(path, node) : @default;

    /// <summary>
    /// The size in bytes at <paramref name="path"/>: <c>512 bytes</c>, <c>10MB</c> (10^6), <c>64KiB</c> or
    /// <c>64K</c> (2^10 each); a bare number is bytes.
    /// </summary>
    /// <exception cref="ConfigurationException">The path is missing, or the value or its unit is not a size.</exception>
    public long GetByteSize(string path) => ToByteSize(path, Require(path));

    /// <summary>The size at <paramref name="path"/>, or <paramref name="default"/> when it is missing or null.</summary>
    /// <exception cref="ConfigurationException">The value or its unit is not a size.</exception>
    public long GetByteSize(string path, long @default) => Optional(path) is { } node ? ToByteSize(path, node) : @default;

    /// <summary>The array of strings (or numbers and booleans, as written) at <paramref name="path"/>.</summary>
    /// <exception cref="ConfigurationException">The path is missing, is not an array, or holds a nested object or array.</exception>
    public IReadOnlyList<string> GetStringList(string path) => ToStringList(path, Require(path));

    /// <summary>The string array at <paramref name="path"/>, or <paramref name="default"/> when it is missing or null.</summary>
    /// <exception cref="ConfigurationException">The value is not an array of scalars.</exception>
    public IReadOnlyList<string> GetStringList(string path, IReadOnlyList<string> @default) =>
        Optional(path) is { } node ? ToStringList(path, node) : @default;

    /// <summary>The resolved sub-tree at <paramref name="path"/>, or <see cref="Empty"/> when the path is absent or null.</summary>
    /// <exception cref="ConfigurationException">The path holds something other than an object.</exception>
    public Config GetConfig(string path) => Optional(path) switch
    {
        null => Empty,
        HoconObject o => new Config(o, isResolved: true),
        var other => throw TypeError(path, other, "an object"),
    };

    /// <summary>
    /// This configuration over <paramref name="fallback"/>: objects merge deeply, and for any other value this
    /// configuration's value wins. Substitutions stay unresolved until <see cref="Resolve"/> or the first getter,
    /// so they see the merged tree.
    /// </summary>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (fallback.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return fallback;
        }

        var merged = HoconMerge.Objects(_root, fallback._root);
        return new Config(merged, IsResolvedTree(merged));
    }

    /// <summary>
    /// Resolves every substitution against this tree (then environment variables) and returns the resolved
    /// configuration. Absent <c>${?x}</c> fields disappear or keep their earlier value.
    /// </summary>
    /// <exception cref="ConfigurationException">A substitution cannot be resolved or forms a cycle; the message names its origin, line and column.</exception>
    public Config Resolve() => _resolved.IsValueCreated && ReferenceEquals(_resolved.Value, _root)
        ? this
        : new Config(Root, isResolved: true);

    /// <summary>Renders the tree (unresolved substitutions as written) as indented HOCON that is also JSON.</summary>
    public override string ToString() => HoconRenderer.Render(_root);

    private static bool IsResolvedTree(HoconNode node) => node switch
    {
        HoconObject o => o.Keys.All(k => o.TryGet(k, out var v) && IsResolvedTree(v)),
        HoconArray a => a.Items.All(IsResolvedTree),
        HoconScalar => true,
        _ => false,
    };

    private HoconNode? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _lookups.GetOrAdd(path, static (p, root) => Walk(root, HoconPath.Parse(p)), Root);
    }

    private static HoconNode? Walk(HoconObject root, string[] segments)
    {
        HoconNode current = root;
        foreach (var segment in segments)
        {
            if (current is not HoconObject o || !o.TryGet(segment, out current))
            {
                return null;
            }
        }

        return current;
    }

    private HoconNode Require(string path) => Find(path) switch
    {
        null => throw new ConfigurationException($"missing configuration path '{path}'"),
        HoconScalar { Kind: HoconScalarKind.Null } n =>
            throw new ConfigurationException($"configuration path '{path}' is null", n.Position),
        var node => node,
    };

    private HoconNode? Optional(string path)
    {
        var node = Find(path);
        return node is HoconScalar { Kind: HoconScalarKind.Null } ? null : node;
    }

    private static string ScalarText(string path, HoconNode node, string expected) =>
        node is HoconScalar s ? s.Text : throw TypeError(path, node, expected);

    private static int ToInt(string path, HoconNode node)
    {
        var text = ScalarText(path, node, "a whole number");
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ValueError(path, node, text, $"expected a whole number between {int.MinValue} and {int.MaxValue}");
    }

    private static long ToLong(string path, HoconNode node)
    {
        var text = ScalarText(path, node, "a whole number");
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ValueError(path, node, text, $"expected a whole number between {long.MinValue} and {long.MaxValue}");
    }

    private static double ToDouble(string path, HoconNode node)
    {
        var text = ScalarText(path, node, "a number");
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ValueError(path, node, text, "expected a number");
    }

    private static bool ToBoolean(string path, HoconNode node)
    {
        var text = ScalarText(path, node, "a boolean");
        return text switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw ValueError(path, node, text, "expected a boolean: true, false, yes, no, on or off"),
        };
    }

    private static TimeSpan ToTimeSpan(string path, HoconNode node)
    {
        var text = ScalarText(path, node, "a duration");
        return HoconDuration.TryParse(text, out var value, out var error) ? value : throw ValueError(path, node, text, error);
    }

    private static long ToByteSize(string path, HoconNode node)
    {
        var text = ScalarText(path, node, "a size in bytes");
        return HoconByteSize.TryParse(text, out var value, out var error) ? value : throw ValueError(path, node, text, error);
    }

    private static string[] ToStringList(string path, HoconNode node)
    {
        if (node is not HoconArray array)
        {
            throw TypeError(path, node, "an array");
        }

        var result = new string[array.Items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = array.Items[i] is HoconScalar s
                ? s.Text
                : throw TypeError($"{path}[{i}]", array.Items[i], "a string");
        }

        return result;
    }

    private static ConfigurationException TypeError(string path, HoconNode node, string expected) =>
        new($"'{path}' is {node.Describe()} but {expected} was expected", node.Position);

    private static ConfigurationException ValueError(string path, HoconNode node, string text, string expected) =>
        new($"'{path}' = {HoconText.Quote(text)} is not valid: {expected}", node.Position);
}
