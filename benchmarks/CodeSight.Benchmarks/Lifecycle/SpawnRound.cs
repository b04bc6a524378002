using CodeSight.Actors;

namespace CodeSight.Benchmarks.Lifecycle;

/// <summary>
/// One measured batch of short-lived actors: each spawner creates <see cref="ActorsPerSpawner"/> children, at most
/// <see cref="MaxLivePerSpawner"/> alive at a time, and <see cref="Done"/> completes once every spawner has seen all
/// its children's termination.
/// </summary>
public sealed class SpawnRound(int spawners, int actorsPerSpawner, int maxLivePerSpawner)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _spawnersLeft = spawners;

    public int ActorsPerSpawner { get; } = actorsPerSpawner;

    public int MaxLivePerSpawner { get; } = maxLivePerSpawner;

    public Task Done => _done.Task;

    public void SpawnerDrained()
    {
        if (Interlocked.Decrement(ref _spawnersLeft) == 0) _done.TrySetResult();
    }
}
