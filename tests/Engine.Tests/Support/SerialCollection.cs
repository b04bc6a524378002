namespace CodeSight.Engine.Tests.Support;

/// <summary>
/// Tests that watch process-wide state run in this collection, alone, after the parallel tests: an Activity bridge
/// listening to every source (<c>*</c>) also hears the activities other tests start meanwhile (HttpClient's
/// <c>System.Net.Http</c> source, for one), and would count them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Process-wide state";
}
