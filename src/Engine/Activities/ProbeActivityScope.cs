using System.Diagnostics;
using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Activities;

/// <summary>
/// Makes an open probe <see cref="Activity.Current"/> for the code that opened it, with trace id = trail id and span
/// id = probe id, so that activities started inside (an HttpClient call, a database command) become the probe's
/// children in both worlds and carry its ids to other processes. The activity is made current without being
/// started: no listener is told about it (the probe itself is recorded by the engine, not by the bridge) and it
/// belongs to no named source. <see cref="Activity.Current"/> flows with the async context: set when the probe opens,
/// restored to what it was when the probe closes on that same flow.
/// </summary>
internal sealed class ProbeActivityScope
{
    private readonly Activity _activity;
    private readonly Activity? _previous;

    private ProbeActivityScope(Activity activity, Activity? previous)
    {
        _activity = activity;
        _previous = previous;
    }

    public static ProbeActivityScope Enter(TrailId trailId, ProbeId probeId, ProbeId? parentId, string name, long openedAtMicros)
    {
        var activity = new Activity(name);
        activity.SetIdFormat(ActivityIdFormat.W3C);
        ActivityIdWriter.Write(activity, trailId, probeId, parentId);
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        activity.SetStartTime(ProbeActivity.Time(openedAtMicros));
        var scope = new ProbeActivityScope(activity, Activity.Current);
        Activity.Current = activity;
        return scope;
    }

    public Activity Activity => _activity;

    public void Exit(long closedAtMicros)
    {
        _activity.SetEndTime(ProbeActivity.Time(closedAtMicros));
        // Only the flow that still sees this probe as current is restored; an activity stopped meanwhile cannot be
        // current again, so that flow falls back to none.
        if (Activity.Current == _activity) Activity.Current = _previous is { IsStopped: false } ? _previous : null;
    }
}
