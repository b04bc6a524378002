using CodeSight.Contracts.Ids;

namespace CodeSight.Server.Web.Protocol;

/// <summary>
/// A client's subscription: an item passes when it meets every condition that is set. An empty set means any.
/// Conditions on a field an item does not carry (a modality on a probe signal) exclude it.
/// </summary>
internal sealed class ClientFilter
{
    /// <summary>The filter of a new connection: everything.</summary>
    public static ClientFilter All { get; } = new(new HashSet<LiveKind>(), new HashSet<string>(), new HashSet<string>(), new HashSet<TrailId>(), null);

    /// <summary>The filter of a client that only sends (<c>"live": false</c>): no live items, an empty backlog.</summary>
    public static ClientFilter Nothing { get; } = new(new HashSet<LiveKind>(), new HashSet<string>(), new HashSet<string>(), new HashSet<TrailId>(), null, live: false);

    public ClientFilter(IReadOnlySet<LiveKind> kinds, IReadOnlySet<string> modalities, IReadOnlySet<string> sightPoints, IReadOnlySet<TrailId> trails, string? name, bool live = true)
    {
        Live = live;
        Kinds = kinds;
        Modalities = modalities;
        SightPoints = sightPoints;
        Trails = trails;
        Name = string.IsNullOrEmpty(name) ? null : name;
    }

    public IReadOnlySet<LiveKind> Kinds { get; }

    public IReadOnlySet<string> Modalities { get; }

    public IReadOnlySet<string> SightPoints { get; }

    public IReadOnlySet<TrailId> Trails { get; }

    /// <summary>A case-insensitive substring of <see cref="LiveItem.Name"/>, or null for any.</summary>
    public string? Name { get; }

    /// <summary>False for a client that wants no live items at all.</summary>
    public bool Live { get; }

    public bool Matches(LiveItem item)
    {
        if (!Live) return false;
        if (Kinds.Count > 0 && !Kinds.Contains(item.Kind)) return false;
        if (Modalities.Count > 0 && (item.Modality is null || !Modalities.Contains(item.Modality))) return false;
        if (SightPoints.Count > 0 && (item.SightPoint is null || !SightPoints.Contains(item.SightPoint))) return false;
        if (Trails.Count > 0 && (item.Trail is not { } trail || !Trails.Contains(trail))) return false;
        return Name is null || item.Name.Contains(Name, StringComparison.OrdinalIgnoreCase);
    }
}
