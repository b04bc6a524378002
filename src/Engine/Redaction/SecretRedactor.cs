using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CodeSight.Contracts.Probes;

namespace CodeSight.Engine.Redaction;

/// <summary>
/// Scrubs secrets out of attribute bags in one walk: key rules replace a whole subtree, value rules replace
/// only the matched run inside strings, omitted keys are dropped, strings are capped, and nesting is
/// depth-limited and cycle-safe. When nothing needs to change, the input bag is returned as is, without
/// allocating. Thread-safe; see docs/redaction.md.
/// </summary>
public sealed class SecretRedactor
{
    /// <summary>What a scrubbed value or run becomes.</summary>
    public const string ScrubbedToken = "[insight:scrubbed]";

    /// <summary>What ends a string cut at the cap.</summary>
    public const string TruncationSuffix = "...[insight:truncated]";

    /// <summary>What a container that contains itself becomes.</summary>
    public const string CycleMarker = "[insight:cycle]";

    /// <summary>What a subtree nested deeper than the depth limit becomes.</summary>
    public const string TooDeepMarker = "[insight:too-deep]";

    /// <summary>The default string cap.</summary>
    public const int DefaultMaxStringLength = 4096;

    /// <summary>The default depth limit.</summary>
    public const int DefaultMaxDepth = 16;

    // Keys longer than this are normalized in a rented buffer instead of on the stack.
    private const int StackKeyLimit = 256;

    // Verdicts of the key rules are remembered for this many distinct keys; later keys are checked every time.
    private const int MaxRememberedKeys = 4096;

    private readonly Regex[] _keyRules;
    private readonly ValueRule[] _valueRules;
    private readonly HashSet<string> _omittedKeys;
    private readonly int _maxStringLength;
    private readonly int _maxDepth;

    // Attribute keys are few and repeat on every probe: normalizing and matching each one once is enough. Bounded,
    // so that a host inventing keys cannot grow it without limit.
    private readonly ConcurrentDictionary<string, bool> _keyVerdicts = new(StringComparer.Ordinal);
    private int _rememberedKeys;

    /// <summary>Builds a redactor from a snapshot of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The cap or the depth is out of range; the message says which.</exception>
    public SecretRedactor(SecretRedactorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxStringLength <= TruncationSuffix.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxStringLength,
                $"MaxStringLength must exceed the {TruncationSuffix.Length}-char truncation suffix.");
        }

        if (options.MaxDepth is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDepth, "MaxDepth must be between 1 and 256.");
        }

        _keyRules = options.KeyRules.Select(rule => rule.Pattern).ToArray();
        _valueRules = options.ValueRules.ToArray();
        _omittedKeys = new HashSet<string>(options.OmittedKeys, StringComparer.OrdinalIgnoreCase);
        _maxStringLength = options.MaxStringLength;
        _maxDepth = options.MaxDepth;
        IsEnabled = true;
    }

    private SecretRedactor()
    {
        _keyRules = [];
        _valueRules = [];
        _omittedKeys = [];
        _maxStringLength = int.MaxValue;
        _maxDepth = int.MaxValue;
    }

    /// <summary>The built-in rules, the 4096-char cap and a depth of 16: what the engine uses unless told otherwise.</summary>
    public static SecretRedactor Default { get; } = new(SecretRedactorOptions.CreateDefault());

    /// <summary>Changes nothing: every bag is returned as given. Use it to turn redaction off.</summary>
    public static SecretRedactor PassThrough { get; } = new();

    /// <summary>False only for <see cref="PassThrough"/>.</summary>
    public bool IsEnabled { get; }

    /// <summary>Returns the bag with secrets scrubbed; the same instance when nothing changed.</summary>
    public IReadOnlyDictionary<string, object?> Redact(IReadOnlyDictionary<string, object?> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (!IsEnabled || attributes.Count == 0)
        {
            return attributes;
        }

        var path = new AncestorPath();
        try
        {
            return RedactBag(attributes, 0, ref path);
        }
        finally
        {
            path.Release();
        }
    }

    /// <summary>
    /// Applies the value rules and the cap to a fault's message, name and stack (exception messages often quote
    /// connection strings or headers); the same instance when nothing changed.
    /// </summary>
    public ProbeFault Redact(ProbeFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (!IsEnabled)
        {
            return fault;
        }

        var message = RedactString(fault.Message);
        var name = fault.Name is null ? null : RedactString(fault.Name);
        var stack = fault.Stack is null ? null : RedactString(fault.Stack);
        return ReferenceEquals(message, fault.Message) && ReferenceEquals(name, fault.Name) && ReferenceEquals(stack, fault.Stack)
            ? fault
            : new ProbeFault(message, name, stack);
    }

    /// <summary>Applies the value rules and the cap to one string; the same instance when nothing changed.</summary>
    public string RedactString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsEnabled)
        {
            return value;
        }

        var result = value;
        foreach (var rule in _valueRules)
        {
            if (rule.Pattern.IsMatch(result.AsSpan()))
            {
                result = rule.Pattern.Replace(result, rule.Replacement ?? ScrubbedToken);
            }
        }

        return result.Length <= _maxStringLength ? result : Truncate(result);
    }

    /// <summary>True when a key rule matches <paramref name="key"/> (after normalization) or the key is omitted.</summary>
    public bool IsSensitiveKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return IsEnabled && (_omittedKeys.Contains(key) || MatchesKeyRule(key));
    }

    private string Truncate(string value)
    {
        var cut = _maxStringLength - TruncationSuffix.Length;
        // Never leave half of a surrogate pair before the suffix.
        if (char.IsHighSurrogate(value[cut - 1]))
        {
            cut--;
        }

        return string.Concat(value.AsSpan(0, cut), TruncationSuffix);
    }

    private IReadOnlyDictionary<string, object?> RedactBag(IReadOnlyDictionary<string, object?> bag, int depth, ref AncestorPath path)
    {
        Dictionary<string, object?>? copy = null;
        var index = 0;
        if (bag is Recording.SingleAttribute single)
        {
            // Note(key, value)'s one-entry bag: visited directly, since enumerating it through the interface allocates.
            Visit(bag, single.Key, single.Value, index, depth, ref copy, ref path);
        }
        else if (bag is Dictionary<string, object?> concrete)
        {
            // The concrete type's struct enumerator keeps the unchanged path allocation-free.
            foreach (var (key, value) in concrete)
            {
                Visit(bag, key, value, index++, depth, ref copy, ref path);
            }
        }
        else
        {
            foreach (var (key, value) in bag)
            {
                Visit(bag, key, value, index++, depth, ref copy, ref path);
            }
        }

        return copy ?? bag;
    }

    private void Visit(
        IReadOnlyDictionary<string, object?> bag,
        string key,
        object? value,
        int index,
        int depth,
        ref Dictionary<string, object?>? copy,
        ref AncestorPath path)
    {
        if (_omittedKeys.Contains(key))
        {
            copy ??= CopyFirst(bag, index);
            return;
        }

        var redacted = MatchesKeyRule(key) ? ScrubbedToken : RedactValue(value, depth + 1, ref path);
        if (copy is not null)
        {
            copy[key] = redacted;
        }
        else if (!ReferenceEquals(redacted, value) && !(redacted is string text && value is string original && text == original))
        {
            copy = CopyFirst(bag, index);
            copy[key] = redacted;
        }
    }

    private static Dictionary<string, object?> CopyFirst(IReadOnlyDictionary<string, object?> bag, int count)
    {
        var copy = new Dictionary<string, object?>(bag.Count, StringComparer.Ordinal);
        foreach (var (key, value) in bag)
        {
            if (count-- == 0)
            {
                break;
            }

            copy[key] = value;
        }

        return copy;
    }

    private object? RedactValue(object? value, int depth, ref AncestorPath path)
    {
        switch (value)
        {
            case null or bool or int or long or double or float or decimal or short or byte or sbyte or uint or ulong or ushort:
                return value;
            case string text:
                return RedactString(text);
            case Array array when array.GetType().GetElementType()!.IsPrimitive:
                return value; // numbers cannot hold secrets, and walking them would box every element
        }

        if (value is not IEnumerable)
        {
            return value; // other scalars are rendered with ToString by the writers; they are not walked
        }

        if (depth > _maxDepth)
        {
            return TooDeepMarker;
        }

        if (path.Contains(value))
        {
            return CycleMarker;
        }

        path.Push(value, _maxDepth);
        try
        {
            return value switch
            {
                IReadOnlyDictionary<string, object?> bag => RedactBag(bag, depth, ref path),
                IDictionary dictionary => RedactBag(ToBag(dictionary), depth, ref path),
                IList<object?> list => RedactList(list, depth, ref path),
                _ => RedactSequence((IEnumerable)value, depth, ref path),
            };
        }
        finally
        {
            path.Pop();
        }
    }

    private static Dictionary<string, object?> ToBag(IDictionary dictionary)
    {
        var bag = new Dictionary<string, object?>(dictionary.Count, StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dictionary)
        {
            bag[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = entry.Value;
        }

        return bag;
    }

    private object RedactList(IList<object?> list, int depth, ref AncestorPath path)
    {
        List<object?>? copy = null;
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            var redacted = RedactValue(item, depth + 1, ref path);
            if (copy is not null)
            {
                copy.Add(redacted);
            }
            else if (!ReferenceEquals(redacted, item))
            {
                copy = new List<object?>(list.Count);
                for (var j = 0; j < i; j++)
                {
                    copy.Add(list[j]);
                }

                copy.Add(redacted);
            }
        }

        return copy ?? (object)list;
    }

    private object RedactSequence(IEnumerable sequence, int depth, ref AncestorPath path)
    {
        var items = new List<object?>();
        var changed = false;
        foreach (var item in sequence)
        {
            var redacted = RedactValue(item, depth + 1, ref path);
            changed |= !ReferenceEquals(redacted, item);
            items.Add(redacted);
        }

        return changed ? items : sequence;
    }

    private bool MatchesKeyRule(string key)
    {
        if (_keyRules.Length == 0)
        {
            return false;
        }

        if (_keyVerdicts.TryGetValue(key, out var remembered))
        {
            return remembered;
        }

        var verdict = MatchKeyRules(key);
        if (Volatile.Read(ref _rememberedKeys) < MaxRememberedKeys && _keyVerdicts.TryAdd(key, verdict))
        {
            Interlocked.Increment(ref _rememberedKeys);
        }

        return verdict;
    }

    private bool MatchKeyRules(string key)
    {

        char[]? rented = null;
        var buffer = key.Length * 2 <= StackKeyLimit
            ? stackalloc char[StackKeyLimit]
            : (rented = ArrayPool<char>.Shared.Rent(key.Length * 2));
        try
        {
            var normalized = Normalize(key, buffer);
            foreach (var rule in _keyRules)
            {
                if (rule.IsMatch(normalized))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    // Lowercase words joined by '_': "X-Api-Key" -> "x_api_key", "apiKey" -> "api_key", "APIKey" -> "apikey".
    private static ReadOnlySpan<char> Normalize(string key, Span<char> buffer)
    {
        var length = 0;
        var previous = '_';
        foreach (var c in key)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous)))
                {
                    buffer[length++] = '_';
                }

                buffer[length++] = char.ToLowerInvariant(c);
                previous = c;
            }
            else if (length > 0 && buffer[length - 1] != '_')
            {
                buffer[length++] = '_';
                previous = '_';
            }
        }

        if (length > 0 && buffer[length - 1] == '_')
        {
            length--;
        }

        return buffer[..length];
    }
}
