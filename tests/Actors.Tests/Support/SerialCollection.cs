using Xunit;

namespace CodeSight.Actors.Tests.Support;

/// <summary>
/// Tests that change process-wide state (environment variables, thread-pool limits) or need the machine to
/// themselves (the stress test) run in this collection, alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Process-wide state";
}
