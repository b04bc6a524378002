using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Activities;

/// <summary>
/// The one place that gives an <see cref="Activity"/> ids chosen by the engine. The BCL offers no public way to set
/// a span id (an Activity mints its own when it starts), so this writes the private fields that back
/// <see cref="Activity.TraceId"/>, <see cref="Activity.SpanId"/> and <see cref="Activity.ParentSpanId"/> through
/// <see cref="UnsafeAccessorAttribute"/>. The first use checks, once per process, that writing and reading back agree
/// on this runtime; if they do not (the fields were renamed or changed meaning), every use throws
/// <see cref="NotSupportedException"/> naming the runtime, rather than producing activities with wrong ids.
/// </summary>
internal static class ActivityIdWriter
{
    // Evaluated on first use; holds the failure so that every later call reports the same cause.
    private static readonly Lazy<NotSupportedException?> Problem = new(SelfCheck, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Sets the activity's trace id, span id and parent span id (none for null). Call it before anything reads the
    /// activity's ids, and never on an activity that was started: its composed <see cref="Activity.Id"/> would be stale.
    /// </summary>
    /// <exception cref="NotSupportedException">This runtime's Activity does not keep its ids where expected.</exception>
    public static void Write(Activity activity, TrailId trailId, ProbeId probeId, ProbeId? parentId)
    {
        if (Problem.Value is { } problem) throw problem;
        WriteFields(activity, trailId.ToString(), probeId.ToString(), parentId?.ToString());
    }

    /// <summary>Runs the self-check (once) and reports whether ids can be written on this runtime.</summary>
    public static bool IsSupported => Problem.Value is null;

    private static void WriteFields(Activity activity, string traceId, string spanId, string? parentSpanId)
    {
        TraceIdField(activity) = traceId;
        SpanIdField(activity) = spanId;
        ParentSpanIdField(activity) = parentSpanId;
    }

    // Internal so that a test can run it again and see it leaves Activity.Current alone.
    internal static NotSupportedException? SelfCheck()
    {
        var runtime = RuntimeInformation.FrameworkDescription;
        try
        {
            var trail = new TrailId(0x0102030405060708, 0x090a0b0c0d0e0f10);
            var probe = new ProbeId(0x1112131415161718);
            var parent = new ProbeId(0x2122232425262728);
            // Not disposed: an activity with a span id counts as started, and Dispose would stop it, which resets
            // Activity.Current on the calling flow (this check runs inside whichever call comes first).
            var activity = new Activity("codesight-id-self-check");
            activity.SetIdFormat(ActivityIdFormat.W3C);
            WriteFields(activity, trail.ToString(), probe.ToString(), parent.ToString());
            var read = $"{activity.TraceId.ToHexString()}/{activity.SpanId.ToHexString()}/{activity.ParentSpanId.ToHexString()}";
            var expected = $"{trail}/{probe}/{parent}";
            // Activity.Current only accepts an activity whose composed Id is set; it must carry the new ids too.
            var id = activity.Id;
            if (read != expected || id is null || !id.Contains($"-{trail}-{probe}-", StringComparison.Ordinal))
            {
                return new NotSupportedException(
                    $"Activity ids cannot be set on {runtime}: wrote {expected} (trace/span/parent), read back {read}, id {id ?? "null"}.");
            }

            return null;
        }
        catch (Exception e) when (e is MissingFieldException or MissingMemberException or InvalidCastException)
        {
            return new NotSupportedException($"Activity ids cannot be set on {runtime}: {e.Message}", e);
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_traceId")]
    private static extern ref string? TraceIdField(Activity activity);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_spanId")]
    private static extern ref string? SpanIdField(Activity activity);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_parentSpanId")]
    private static extern ref string? ParentSpanIdField(Activity activity);
}
