namespace CodeSight.Engine.Redaction;

/// <summary>The containers currently being walked, kept in a per-thread array so the walk does not allocate.</summary>
internal struct AncestorPath
{
    // One array per thread, lent to the walk in progress, so redacting nested bags does not allocate.
    [ThreadStatic]
    private static object?[]? t_ancestors;

    private object?[]? _items;
    private int _count;

    public readonly bool Contains(object value)
    {
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_items![i], value))
            {
                return true;
            }
        }

        return false;
    }

    public void Push(object value, int maxDepth)
    {
        if (_items is null)
        {
            _items = t_ancestors is { } cached && cached.Length > maxDepth ? cached : new object?[Math.Min(maxDepth, 256) + 1];
            t_ancestors = null; // taken: a nested Redact on this thread gets its own array
        }

        _items[_count++] = value;
    }

    public void Pop() => _items![--_count] = null;

    public readonly void Release()
    {
        if (_items is not null)
        {
            t_ancestors = _items;
        }
    }
}
