using CodeSight.Actors.Supervision;

namespace CodeSight.Actors;

/// <summary>
/// The children of one actor by name. Locked on itself: the actor's own turn and <see cref="ActorSystem.ActorOf(Props, string?)"/>
/// (for guardians) may both reach it.
/// </summary>
internal sealed class ChildrenContainer
{
    private readonly Dictionary<string, ChildRestartStats> _byName = new(StringComparer.Ordinal);
    private readonly HashSet<IInternalActorRef> _stopping = new();
    private long _nextName;

    public int Count => _byName.Count;

    public int StoppingCount => _stopping.Count;

    /// <summary>A fresh generated name: <c>$a</c>, <c>$b</c>, ... <c>$ba</c>, ...</summary>
    public string NextName()
    {
        var n = _nextName++;
        Span<char> buffer = stackalloc char[16];
        var i = buffer.Length;
        do
        {
            buffer[--i] = (char)('a' + (int)(n % 26));
            n /= 26;
        } while (n > 0);
        buffer[--i] = '$';
        return new string(buffer[i..]);
    }

    public bool Contains(string name) => _byName.ContainsKey(name);

    public void Add(string name, ChildRestartStats stats) => _byName.Add(name, stats);

    public bool TryGet(string name, out ChildRestartStats stats) => _byName.TryGetValue(name, out stats!);

    public bool TryGet(IActorRef child, out ChildRestartStats stats)
    {
        if (_byName.TryGetValue(child.Path.Name, out stats!) && stats.Child.Equals(child)) return true;
        stats = null!;
        return false;
    }

    /// <summary>Removes a terminated child; returns false when it was not (or no longer) ours.</summary>
    public bool Remove(IInternalActorRef child)
    {
        _stopping.Remove(child);
        if (!_byName.TryGetValue(child.Path.Name, out var stats) || !stats.Child.Equals(child)) return false;
        _byName.Remove(child.Path.Name);
        return true;
    }

    public void MarkStopping(IInternalActorRef child) => _stopping.Add(child);

    public bool IsStopping(IActorRef child) => child is IInternalActorRef internalRef && _stopping.Contains(internalRef);

    public List<ChildRestartStats> Snapshot() => [.. _byName.Values];
}
