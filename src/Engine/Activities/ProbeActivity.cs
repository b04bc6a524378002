using System.Diagnostics;
using System.Text.Json;
using CodeSight.Contracts.Probes;

namespace CodeSight.Engine.Activities;

/// <summary>
/// Builds a <see cref="System.Diagnostics.Activity"/> that stands for a closed probe, for exporters that take
/// Activities (the OpenTelemetry exporters): trace id = trail id, span id = probe id, parent span id = parent probe
/// id, the probe's name, kind (<see cref="ActivityKinds"/>), start and end time, attributes as tags, status, and the
/// fault as an <c>exception</c> event. The activity comes from the <see cref="SourceName"/> source and is never
/// started, so no listener sees it and <see cref="System.Diagnostics.Activity.Current"/> is left alone.
/// </summary>
public static class ProbeActivity
{
    /// <summary>The ActivitySource name of activities built from probes; the Activity bridge never listens to it.</summary>
    public const string SourceName = "CodeSight";

    /// <summary>Tag holding the probe status when it is not one OpenTelemetry has (<c>abandoned</c>).</summary>
    public const string StatusTag = "codesight.status";

    private static readonly ActivitySource Source = new(SourceName, typeof(ProbeActivity).Assembly.GetName().Version?.ToString());

    // ActivitySource.CreateActivity returns null unless a listener asks for the data: this one always does, for this
    // source alone, so building never depends on what else is listening.
    private static readonly ActivityListener Listener = CreateListener();

    /// <summary>
    /// The activity standing for <paramref name="probe"/>, which must be closed. Hand it to an exporter; do not
    /// <c>Stop</c> or <c>Dispose</c> it: it already has its end time, and stopping it would tell the
    /// <see cref="SourceName"/> source's listeners about an activity that never started and set
    /// <see cref="System.Diagnostics.Activity.Current"/> to null on the calling flow.
    /// </summary>
    /// <exception cref="ArgumentException">The probe is still open.</exception>
    /// <exception cref="NotSupportedException">This runtime's Activity does not let its ids be set (see docs/activities.md).</exception>
    public static Activity From(Probe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (!probe.IsClosed) throw new ArgumentException($"Probe {probe.Id} ({probe.Name}) of trail {probe.TrailId} is still open; only closed probes become activities.", nameof(probe));
        GC.KeepAlive(Listener);
        var activity = Source.CreateActivity(probe.Name, ActivityKinds.ToActivityKind(probe.Kind), default(ActivityContext))
            ?? throw new InvalidOperationException($"The {SourceName} ActivitySource created no activity although its own listener asks for all data.");
        activity.SetIdFormat(ActivityIdFormat.W3C);
        ActivityIdWriter.Write(activity, probe.TrailId, probe.Id, probe.ParentId);
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        var end = Time(probe.EndedAt!.Value);
        activity.SetStartTime(Time(probe.StartedAt));
        activity.SetEndTime(end);
        activity.SetTag(ActivityKinds.KindTag, ProbeKinds.WireName(probe.Kind));
        foreach (var (key, value) in probe.Attributes) activity.SetTag(key, TagValue(value));
        switch (probe.Status)
        {
            case ProbeStatus.Ok:
                activity.SetStatus(ActivityStatusCode.Ok);
                break;
            case ProbeStatus.Error:
                activity.SetStatus(ActivityStatusCode.Error, probe.Fault?.Message);
                break;
            default:
                activity.SetTag(StatusTag, ProbeStatuses.WireName(probe.Status));
                activity.SetStatus(ActivityStatusCode.Error, probe.Fault?.Message ?? ProbeStatuses.WireName(probe.Status));
                break;
        }
        if (probe.Fault is { } fault)
        {
            activity.AddEvent(new ActivityEvent(ExceptionEvent.Name, end, new ActivityTagsCollection
            {
                [ExceptionEvent.TypeTag] = fault.Name ?? "error",
                [ExceptionEvent.MessageTag] = fault.Message,
                [ExceptionEvent.StackTag] = fault.Stack,
            }));
        }

        return activity;
    }

    /// <summary>Epoch microseconds as a UTC <see cref="DateTime"/> (exact: a tick is a tenth of a microsecond).</summary>
    internal static DateTime Time(long epochMicros) => DateTime.UnixEpoch.AddTicks(epochMicros * 10);

    /// <summary>A UTC <see cref="DateTime"/> as epoch microseconds (sub-microsecond ticks are dropped).</summary>
    internal static long EpochMicros(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    // OpenTelemetry attributes hold scalars and arrays of scalars; anything nested travels as its JSON text.
    private static object? TagValue(object? value) => value switch
    {
        null or string or bool or long or int or short or sbyte or byte or double or float => value,
        Array array when array.GetType().GetElementType() is { } element && (element.IsPrimitive || element == typeof(string)) => value,
        _ => JsonSerializer.Serialize(value),
    };

    private static ActivityListener CreateListener()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = static source => ReferenceEquals(source, Source),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
