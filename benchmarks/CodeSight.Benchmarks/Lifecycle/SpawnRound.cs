using CodeSight.Actors;

namespace CodeSight.Benchmarks.Lifecycle;

/// <summary>
/// One measured batch of short-lived actors: the spawners create them, each counts itself out here when it stops,
/// and <see cref="Done"/> completes once every spawner has also seen all its children's termination.
/// </summary>
public sealed class SpawnRound(int spawners, int actorsPerSpawner)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _spawnersLeft = spawners;

    public int ActorsPerSpawner { get; } = actorsPerSpawner;

    public Task Done => _done.Task;

    public void SpawnerDrained()
    {
        if (Interlocked.Decrement(ref _spawnersLeft) == 0) _done.TrySetResult();
    }
}
