using System.Diagnostics;
using OpenTelemetry;

namespace CodeSight.Benchmarks.Recording;

/// <summary>The "one simple processor" of the OpenTelemetry baseline: it sees every ended activity and keeps none.</summary>
internal sealed class DiscardingProcessor : BaseProcessor<Activity>
{
    private long _ended;

    /// <summary>Activities ended so far (read so that the work cannot be optimised away).</summary>
    public long Ended => Volatile.Read(ref _ended);

    public override void OnEnd(Activity data) => _ended++;
}
