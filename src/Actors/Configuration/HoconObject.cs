namespace CodeSight.Actors.Configuration;

/// <summary>
/// A HOCON object: fields in insertion order. Mutable only while the parser or a merge builds it; a finished
/// object is never changed again, which is what lets <see cref="Config"/> share trees between instances.
/// </summary>
internal sealed class HoconObject : HoconNode
{
    private readonly Dictionary<string, HoconNode> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];

    public HoconObject(HoconPosition position) : base(position)
    {
    }

    /// <summary>The keys in the order they were first set.</summary>
    public IReadOnlyList<string> Keys => _keys;

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

    public override string Describe() => "an object";
}
