using System.Globalization;
using System.Text;

namespace CodeSight.Actors.Routing;

/// <summary>
/// Sends messages with equal keys to the same routee, and moves few keys when routees come and go: each routee owns
/// several points ("virtual nodes") on a 32-bit hash ring, and a key goes to the owner of the first point at or after
/// its hash. The key comes from <see cref="IConsistentHashable"/>, or else from the mapping function; a message with
/// no key is dropped (counted and published by the router).
/// </summary>
public sealed class ConsistentHashingRoutingLogic : RoutingLogic
{
    private readonly Func<object, object?>? _hashMapping;
    private readonly int _virtualNodesFactor;
    private volatile Ring? _ring;

    /// <summary>Creates the logic.</summary>
    /// <param name="hashMapping">Gives the key of messages that are not <see cref="IConsistentHashable"/>; null for none.</param>
    /// <param name="virtualNodesFactor">Points per routee on the ring (more points, more even spread).</param>
    public ConsistentHashingRoutingLogic(Func<object, object?>? hashMapping = null, int virtualNodesFactor = 10)
    {
        if (virtualNodesFactor < 1) throw new ArgumentOutOfRangeException(nameof(virtualNodesFactor), virtualNodesFactor, "At least one virtual node per routee is needed.");
        _hashMapping = hashMapping;
        _virtualNodesFactor = virtualNodesFactor;
    }

    /// <inheritdoc />
    public override Routee Select(object message, IReadOnlyList<Routee> routees)
    {
        if (routees.Count == 0) return Routee.NoRoutee;
        var key = message is IConsistentHashable hashable ? hashable.ConsistentHashKey : _hashMapping?.Invoke(message);
        if (key is null) return Routee.NoRoutee;

        var ring = _ring;
        if (ring is null || !ReferenceEquals(ring.Routees, routees)) _ring = ring = new Ring(routees, _virtualNodesFactor);
        return ring.Lookup(Hash(key));
    }

    /// <summary>FNV-1a over the UTF-8 of the key's invariant text, so that every process agrees.</summary>
    internal static uint Hash(object key)
    {
        var text = key switch
        {
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => key.ToString() ?? string.Empty,
        };
        var hash = 0x811c9dc5u;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(text, buffer)]
            : Encoding.UTF8.GetBytes(text);
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= 0x01000193u;
        }
        // Finalise so that nearby keys spread over the whole ring (FNV's high bits mix poorly for short keys).
        hash ^= hash >> 16;
        hash *= 0x85ebca6bu;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35u;
        hash ^= hash >> 16;
        return hash;
    }

    private sealed class Ring
    {
        private readonly uint[] _points;
        private readonly Routee[] _owners;

        public Ring(IReadOnlyList<Routee> routees, int factor)
        {
            Routees = routees;
            var points = new List<(uint Point, Routee Owner)>(routees.Count * factor);
            for (var r = 0; r < routees.Count; r++)
            {
                var identity = routees[r] is ActorRefRoutee a ? a.Actor.Path.ToString() : r.ToString(CultureInfo.InvariantCulture);
                for (var v = 0; v < factor; v++) points.Add((Hash(identity + "#" + v.ToString(CultureInfo.InvariantCulture)), routees[r]));
            }
            points.Sort((x, y) => x.Point.CompareTo(y.Point));
            _points = points.Select(p => p.Point).ToArray();
            _owners = points.Select(p => p.Owner).ToArray();
        }

        public IReadOnlyList<Routee> Routees { get; }

        public Routee Lookup(uint hash)
        {
            var i = Array.BinarySearch(_points, hash);
            if (i < 0) i = ~i;
            return _owners[i == _points.Length ? 0 : i];
        }
    }
}
