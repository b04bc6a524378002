using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CodeSight.Benchmarks.Memory;

namespace CodeSight.Benchmarks.Columns;

/// <summary>
/// Bytes still reachable per actor once all actors are created, started and idle: the median over iterations of
/// the GC.GetTotalMemory(forceFullCollection: true) delta divided by the actor count. Unlike the Allocated column
/// (everything allocated, garbage included) this is what an idle actor costs for as long as it lives.
/// </summary>
public sealed class RetainedBytesColumn : IColumn
{
    public string Id => nameof(RetainedBytesColumn);

    public string ColumnName => "Retained/actor";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "Bytes retained per idle actor: median over iterations of the full-GC heap delta / actor count";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var kind = benchmarkCase.Parameters[nameof(IdleActorMemoryBenchmark.Kind)]?.ToString() ?? "";
        return RetentionLog.Median(kind) is { } bytes ? bytes.ToString("N0", style.CultureInfo) + " B" : "NA";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
