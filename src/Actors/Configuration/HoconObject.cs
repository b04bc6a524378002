namespace CodeSight.Actors.Configuration;

/// <summary>
/// A HOCON object: fields in insertion order. Mutable only while the parser or a merge builds it; a finished
/// object is never changed again, which is what lets <see cref="Config"/> share trees between instances.
/// </summary>
internal sealed class HoconObject : HoconNode
{
    private readonly Dictionary<string, HoconNode> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];
    private readonly IReadOnlyList<string> _keysView;

    public HoconObject(HoconPosition position, bool ignoresFallbacks = false) : base(position)
    {
        IgnoresFallbacks = ignoresFallbacks;
        _keysView = _keys.AsReadOnly(); // callers of Config.Keys must not be able to cast back and mutate
    }

    /// <summary>
    /// True when this object replaced a non-object value. HOCON merges only adjacent objects, so such an object
    /// hides every object further down the fallback chain: <c>a = null</c> then <c>a { ... }</c> starts afresh.
    /// </summary>
    public bool IgnoresFallbacks { get; }

    /// <summary>The keys in the order they were first set.</summary>
    public IReadOnlyList<string> Keys => _keysView;

    /// <summary>The number of fields.</summary>
    public int Count => _keys.Count;

    public bool TryGet(string key, out HoconNode value) => _fields.TryGetValue(key, out value!);

    /// <summary>Sets a field, keeping the key's original place when it already exists.</summary>
    public void Set(string key, HoconNode value)
    {
        if (!_fields.ContainsKey(key))
        {
            _keys.Add(key);
        }

        _fields[key] = value;
    }

    /// <summary>Sets a field to <paramref name="value"/> merged over whatever the field held before.</summary>
    public void MergeField(string key, HoconNode value)
    {
        Set(key, _fields.TryGetValue(key, out var previous) ? HoconMerge.Combine(value, previous) : value);
    }

    /// <summary>A copy of this object that hides any objects it is later merged over.</summary>
    public HoconObject HidingFallbacks()
    {
        var copy = new HoconObject(Position, ignoresFallbacks: true);
        foreach (var key in _keys)
        {
            copy.Set(key, _fields[key]);
        }

        return copy;
    }

    public override string Describe() => "an object";
}
