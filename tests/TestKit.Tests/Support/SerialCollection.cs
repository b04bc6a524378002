using Xunit;
namespace CodeSight.TestKit.Tests.Support;

/// <summary>
/// Tests that change process-wide state (environment variables, thread-pool limits) run in this collection, alone,
/// so they cannot disturb tests running in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Process-wide state";
}
