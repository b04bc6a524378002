using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;

namespace CodeSight.Engine.Recording;

/// <summary>
/// A recorder view bound to one trail id (from <see cref="Recorder.Scope"/>): open probes in a trail begun elsewhere.
/// When the trail is not recorded every method returns <see cref="ProbeHandle.Noop"/>.
/// </summary>
public sealed class TrailRecorder
{
    private readonly TrailLink? _link;

    internal TrailRecorder(TrailLink link)
    {
        TrailId = link.TrailId;
        _link = link;
    }

    private TrailRecorder(TrailId trailId) => TrailId = trailId;

    internal static TrailRecorder NotRecording(TrailId trailId) => new(trailId);

    /// <summary>The trail.</summary>
    public TrailId TrailId { get; }

    /// <summary>False when the trail is sampled out or the recorder is disabled.</summary>
    public bool IsRecording => _link is not null;

    /// <summary>
    /// Opens a probe in the trail. <paramref name="parent"/> may name a probe that lives in another process (the
    /// remote caller's probe): it becomes this process's fragment root. Null opens the trail's root.
    /// </summary>
    public ProbeHandle Open(ProbeKind kind, string name, ProbeId? parent = null, IReadOnlyDictionary<string, object?>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _link is null ? ProbeHandle.Noop : LiveProbeHandle.Open(_link, parent, kind, name, attributes);
    }
}
