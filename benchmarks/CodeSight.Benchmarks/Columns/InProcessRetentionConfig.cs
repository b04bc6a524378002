using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CodeSight.Benchmarks.Columns;

/// <summary>
/// Runs in the host process (so that <see cref="RetainedBytesColumn"/> can read what the iterations measured), one
/// invocation per iteration, since each invocation creates a whole population of actors.
/// </summary>
public sealed class InProcessRetentionConfig : ManualConfig
{
    public InProcessRetentionConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(7)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
        AddColumn(new RetainedBytesColumn());
    }
}
