using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CodeSight.Benchmarks.Columns;

/// <summary>
/// Turns the Mean (nanoseconds per operation, after OperationsPerInvoke) into operations per second, e.g.
/// messages/s for ping-pong or actors/s for spawn+stop.
/// </summary>
public sealed class PerSecondColumn(string columnName) : IColumn
{
    public string Id => nameof(PerSecondColumn) + "." + ColumnName;

    public string ColumnName { get; } = columnName;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Operations per second: 1 s divided by Mean";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is not > 0) return "NA";
        var perSecond = 1e9 / mean.Value;
        return perSecond >= 1e6
            ? (perSecond / 1e6).ToString("N2", style.CultureInfo) + " M"
            : (perSecond / 1e3).ToString("N1", style.CultureInfo) + " k";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
