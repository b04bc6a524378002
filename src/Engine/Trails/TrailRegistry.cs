using System.Collections.Concurrent;
using CodeSight.Contracts.Ids;
using CodeSight.Engine.Recording;

namespace CodeSight.Engine.Trails;

/// <summary>
/// The running trails by id, each with the one <see cref="TrailLink"/> every recorder call for it goes through, so
/// that <c>Scope</c>, the sampling router and the Activity bridge find the link a trail already has instead of making a
/// second one (a second link would let a close ride on an open that another link's message follows).
/// </summary>
/// <remarks>
/// One table per shard, written mostly by that shard: a shard registers a trail the recorder minted when it starts it,
/// before any signal can show the id, and removes every trail it ends. The recording thread registers a minted trail
/// itself only when the id leaves the recorder before that (<see cref="TrailLink.EnsureRegistered"/>), which most
/// trails never do; trails continued from elsewhere (<c>Scope</c>, the router, the Activity bridge) are registered by
/// whoever starts them. When the recording thread registered every trail and the shard removed it, the two threads took
/// turns writing the table's locks, counts and buckets: moving both to the shard raised trails of one probe from
/// 0.40 to 0.48 M probes/s end to end (quick-e2e, interleaved runs), and a build with no registry at all from 0.37 to 0.50.
/// </remarks>
internal sealed class TrailRegistry
{
    private readonly ConcurrentDictionary<TrailId, TrailLink>[] _byShard;

    public TrailRegistry(int shards)
    {
        _byShard = new ConcurrentDictionary<TrailId, TrailLink>[shards];
        for (var i = 0; i < shards; i++) _byShard[i] = new ConcurrentDictionary<TrailId, TrailLink>();
    }

    // The table that holds the trail: that of the shard it lives in.
    private ConcurrentDictionary<TrailId, TrailLink> TableOf(TrailId trailId) => _byShard[TrailShard.IndexOf(trailId, _byShard.Length)];

    public bool TryGet(TrailId trailId, out TrailLink link) => TableOf(trailId).TryGetValue(trailId, out link!);

    /// <summary>Registers a running trail's link; false when the trail already has one.</summary>
    public bool TryAdd(TrailLink link) => TableOf(link.TrailId).TryAdd(link.TrailId, link);

    /// <summary>Removes a trail only if <paramref name="link"/> is the one registered for it.</summary>
    public void Remove(TrailLink link) => TableOf(link.TrailId).TryRemove(KeyValuePair.Create(link.TrailId, link));

    /// <summary>Removes an ended trail whatever its link.</summary>
    public void Remove(TrailId trailId) => TableOf(trailId).TryRemove(trailId, out _);

    /// <summary>Trails registered now (a minted trail is only once its shard started it or its id left the recorder).</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var table in _byShard) count += table.Count;
            return count;
        }
    }
}
