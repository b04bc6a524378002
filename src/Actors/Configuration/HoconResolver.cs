using System.Text;

namespace CodeSight.Actors.Configuration;

/// <summary>
/// Replaces every substitution in a tree with the value it refers to, looking paths up in the whole tree and
/// then in environment variables. Each node is resolved once (memoised); a node met again while it is still
/// being resolved is a cycle, except for a self-reference, which reads the value the field had before.
/// </summary>
internal sealed class HoconResolver
{
    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<HoconNode, HoconNode?> _resolved = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconNode> _active = new(ReferenceEqualityComparer.Instance);
    private readonly List<HoconSubstitution> _chain = [];

    private HoconResolver(HoconObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    /// <summary>Resolves a whole tree.</summary>
    /// <exception cref="ConfigurationException">A substitution cannot be resolved, forms a cycle, or mixes types.</exception>
    public static HoconObject Resolve(HoconObject root, Func<string, string?>? environment = null)
    {
        var resolver = new HoconResolver(root, environment ?? Environment.GetEnvironmentVariable);
        // A root object always resolves to an object: fields that resolve to nothing are dropped from it.
        return (HoconObject)resolver.Resolve(root)!;
    }

    /// <returns>The resolved node, or null when it resolves to nothing (an absent <c>${?x}</c>).</returns>
    private HoconNode? Resolve(HoconNode node)
    {
        if (node is HoconScalar)
        {
            return node;
        }

        if (_resolved.TryGetValue(node, out var done))
        {
            return done;
        }

        if (!_active.Add(node))
        {
            throw CycleError();
        }

        try
        {
            var result = node switch
            {
                HoconObject o => ResolveObject(o),
                HoconArray a => ResolveArray(a),
                HoconSubstitution s => ResolveSubstitution(s),
                HoconConcatenation c => ResolveConcatenation(c),
                HoconOverride v => ResolveOverride(v),
                _ => throw new InvalidOperationException($"unknown node type {node.GetType().Name}"),
            };
            _resolved[node] = result;
            return result;
        }
        finally
        {
            _active.Remove(node);
        }
    }

    private HoconObject ResolveObject(HoconObject source)
    {
        var result = new HoconObject(source.Position, source.IgnoresFallbacks);
        foreach (var key in source.Keys)
        {
            source.TryGet(key, out var value);
            if (Resolve(value) is { } resolved)
            {
                result.Set(key, resolved);
            }
        }

        return result;
    }

    private HoconArray ResolveArray(HoconArray source)
    {
        var items = new List<HoconNode>(source.Items.Count);
        foreach (var item in source.Items)
        {
            if (Resolve(item) is { } resolved)
            {
                items.Add(resolved);
            }
        }

        return new HoconArray(source.Position, items);
    }

    private HoconNode? ResolveOverride(HoconOverride node)
    {
        var value = Resolve(node.Value);
        if (value is null)
        {
            return Resolve(node.Previous);
        }

        if (value is HoconObject valueObject && Resolve(node.Previous) is HoconObject previousObject)
        {
            return HoconMerge.Objects(valueObject, previousObject);
        }

        return value;
    }

    private HoconNode? ResolveSubstitution(HoconSubstitution substitution)
    {
        _chain.Add(substitution);
        try
        {
            var target = Lookup(substitution.Path);
            if (target is null && !ReferenceEquals(substitution.AsWritten, substitution.Path))
            {
                target = Lookup(substitution.AsWritten);
            }

            if (target is not null)
            {
                return target;
            }

            // A path that is absent, or set only by an absent ${?x}, falls back to the environment.
            var variable = _environment(string.Join('.', substitution.AsWritten));
            if (!string.IsNullOrEmpty(variable))
            {
                return new HoconScalar(substitution.Position, variable, HoconScalarKind.String);
            }

            if (substitution.Optional)
            {
                return null;
            }

            throw new ConfigurationException(
                $"could not resolve substitution {substitution}: no such path in the configuration and no environment variable '{string.Join('.', substitution.AsWritten)}'",
                substitution.Position);
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }
    }

    /// <returns>What the path resolves to, or null when it is absent or resolves to nothing.</returns>
    private HoconNode? Lookup(IReadOnlyList<string> path)
    {
        HoconNode? current = _root;
        foreach (var segment in path)
        {
            // Walk raw objects without resolving them: the object holding this substitution is mid-resolution.
            var container = current as HoconObject ?? ResolveForReference(current!) as HoconObject;
            if (container is null || !container.TryGet(segment, out var next))
            {
                return null;
            }

            current = next;
        }

        return ResolveForReference(current!);
    }

    private HoconNode? ResolveForReference(HoconNode node)
    {
        // A field referring to itself (a = ${a} x) means the value it had before this assignment.
        while (node is HoconOverride pending && _active.Contains(pending))
        {
            node = pending.Previous;
        }

        return Resolve(node);
    }

    private HoconNode? ResolveConcatenation(HoconConcatenation concatenation)
    {
        var parts = new List<HoconNode>();
        var sawValue = false;
        foreach (var part in concatenation.Parts)
        {
            if (Resolve(part) is { } resolved)
            {
                parts.Add(resolved);
                sawValue |= !(resolved is HoconScalar { IsSeparator: true });
            }
        }

        if (!sawValue)
        {
            return null;
        }

        var values = parts.Where(p => p is not HoconScalar { IsSeparator: true }).ToList();
        if (values.TrueForAll(p => p is HoconObject))
        {
            var merged = (HoconObject)values[0];
            for (var i = 1; i < values.Count; i++)
            {
                merged = HoconMerge.Objects((HoconObject)values[i], merged);
            }

            return merged;
        }

        if (values.TrueForAll(p => p is HoconArray))
        {
            var items = values.SelectMany(p => ((HoconArray)p).Items).ToList();
            return new HoconArray(concatenation.Position, items);
        }

        if (values.Find(p => p is HoconObject or HoconArray) is { } misfit)
        {
            throw new ConfigurationException(
                $"cannot concatenate {misfit.Describe()} with other kinds of values; objects join only objects and arrays only arrays",
                concatenation.Position);
        }

        if (values.Count == 1 && parts.Count == 1)
        {
            return values[0];
        }

        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(((HoconScalar)part).Text);
        }

        return new HoconScalar(concatenation.Position, text.ToString(), HoconScalarKind.String);
    }

    private ConfigurationException CycleError()
    {
        var closing = _chain.Count > 0 ? _chain[^1] : null;
        var cycle = string.Join(" -> ", _chain.Select(s => s.ToString()));
        return new ConfigurationException(
            $"substitution cycle: {(cycle.Length > 0 ? cycle : "a value refers to itself")}", closing?.Position);
    }
}
