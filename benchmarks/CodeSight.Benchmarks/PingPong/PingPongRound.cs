namespace CodeSight.Benchmarks.PingPong;

/// <summary>
/// One measured exchange shared by all pairs: each pair counts itself done here, and the last one completes
/// <see cref="Done"/>. Created per invocation so that a slow pair of one round can never complete the next.
/// </summary>
public sealed class PingPongRound(int pairs, int pingsPerPair, int window)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pairsLeft = pairs;

    public int PingsPerPair { get; } = pingsPerPair;

    public int Window { get; } = window;

    public Task Done => _done.Task;

    public void PairFinished()
    {
        if (Interlocked.Decrement(ref _pairsLeft) == 0) _done.TrySetResult();
    }
}
