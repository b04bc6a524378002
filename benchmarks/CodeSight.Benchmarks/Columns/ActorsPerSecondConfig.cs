using BenchmarkDotNet.Configs;

namespace CodeSight.Benchmarks.Columns;

/// <summary>Adds an actors/s column next to the Mean.</summary>
public sealed class ActorsPerSecondConfig : ManualConfig
{
    public ActorsPerSecondConfig() => AddColumn(new PerSecondColumn("actors/s"));
}
