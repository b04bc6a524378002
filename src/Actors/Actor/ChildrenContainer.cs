using CodeSight.Actors.Supervision;

namespace CodeSight.Actors;

/// <summary>
/// The children of one actor by name. Locked on itself: the actor's own turn and <see cref="ActorSystem.ActorOf(Props, string?)"/>
/// (for guardians) may both reach it.
/// </summary>
internal sealed class ChildrenContainer
{
    // A child's entry is its reference until the child first needs restart statistics (its parent handles a
    // failure), then its ChildRestartStats: most children never fail, and a statistics object per child would
    // cost every idle actor 40 bytes.
    private readonly Dictionary<string, object> _byName = new(StringComparer.Ordinal);
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

    public void Add(string name, IInternalActorRef child) => _byName.Add(name, child);

    public bool TryGet(string name, out ChildRestartStats stats)
    {
        if (!_byName.TryGetValue(name, out var entry))
        {
            stats = null!;
            return false;
        }
        stats = StatsOf(name, entry);
        return true;
    }

    public bool Contains(IActorRef child) => _byName.TryGetValue(child.Path.Name, out var entry) && RefOf(entry).Equals(child);

    public IInternalActorRef? RefOf(string name) => _byName.TryGetValue(name, out var entry) ? RefOf(entry) : null;

    public bool TryGet(IActorRef child, out ChildRestartStats stats)
    {
        var name = child.Path.Name;
        if (_byName.TryGetValue(name, out var entry) && RefOf(entry).Equals(child))
        {
            stats = StatsOf(name, entry);
            return true;
        }
        stats = null!;
        return false;
    }

    /// <summary>Removes a terminated child; returns false when it was not (or no longer) ours.</summary>
    public bool Remove(IInternalActorRef child)
    {
        if (_stopping.Count > 0) _stopping.Remove(child); // saves hashing every self-stopped child
        var name = child.Path.Name;
        if (!_byName.TryGetValue(name, out var entry) || !RefOf(entry).Equals(child)) return false;
        _byName.Remove(name);
        return true;
    }

    public void MarkStopping(IInternalActorRef child) => _stopping.Add(child);

    public bool IsStopping(IActorRef child) => child is IInternalActorRef internalRef && _stopping.Contains(internalRef);

    /// <summary>Every child's statistics (created for those that had none, and kept).</summary>
    public List<ChildRestartStats> Snapshot()
    {
        var list = new List<ChildRestartStats>(_byName.Count);
        List<ChildRestartStats>? created = null;
        foreach (var entry in _byName.Values)
        {
            if (entry is ChildRestartStats stats)
            {
                list.Add(stats);
                continue;
            }
            stats = new ChildRestartStats((IInternalActorRef)entry);
            list.Add(stats);
            (created ??= []).Add(stats);
        }
        if (created is not null)
        {
            foreach (var stats in created) _byName[stats.Child.Path.Name] = stats; // after the enumeration
        }
        return list;
    }

    /// <summary>Every child's reference, without creating statistics.</summary>
    public List<IActorRef> Refs()
    {
        var list = new List<IActorRef>(_byName.Count);
        foreach (var entry in _byName.Values) list.Add(RefOf(entry));
        return list;
    }

    private static IInternalActorRef RefOf(object entry) => entry as IInternalActorRef ?? ((ChildRestartStats)entry).Child;

    private ChildRestartStats StatsOf(string name, object entry)
    {
        if (entry is ChildRestartStats stats) return stats;
        stats = new ChildRestartStats((IInternalActorRef)entry);
        _byName[name] = stats;
        return stats;
    }
}
