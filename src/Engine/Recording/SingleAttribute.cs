using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace CodeSight.Engine.Recording;

/// <summary>A one-entry attribute bag, so that <c>Note(key, value)</c> costs one small object instead of a dictionary.</summary>
internal sealed class SingleAttribute(string key, object? value) : IReadOnlyDictionary<string, object?>
{
    public string Key => key;

    public object? Value => value;

    public object? this[string k] => k == key ? value : throw new KeyNotFoundException($"No attribute '{k}'.");

    public IEnumerable<string> Keys => [key];

    public IEnumerable<object?> Values => [value];

    public int Count => 1;

    public bool ContainsKey(string k) => k == key;

    public bool TryGetValue(string k, [MaybeNullWhen(false)] out object? v)
    {
        v = k == key ? value : null;
        return k == key;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return new KeyValuePair<string, object?>(key, value);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
