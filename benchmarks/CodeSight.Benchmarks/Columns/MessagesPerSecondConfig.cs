using BenchmarkDotNet.Configs;

namespace CodeSight.Benchmarks.Columns;

/// <summary>Adds a msg/s column next to the Mean.</summary>
public sealed class MessagesPerSecondConfig : ManualConfig
{
    public MessagesPerSecondConfig() => AddColumn(new PerSecondColumn("msg/s"));
}
