using CodeSight.Actors;
using CodeSight.Persistence.Snapshots;

namespace CodeSight.Persistence.Actors.Internal;

/// <summary>
/// The only user of the snapshot store's connection, on the blocking-io dispatcher: loads, saves and deletes
/// snapshots one at a time and answers every request, failures included.
/// </summary>
internal sealed class SnapshotStoreActor(SqliteSnapshotStore store) : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case LoadSnapshot load:
                Load(load);
                return true;
            case SaveSnapshotRequest save:
                Save(save);
                return true;
            case DeleteSnapshotsRequest delete:
                Delete(delete);
                return true;
            default:
                return false;
        }
    }

    protected override void PreRestart(Exception reason, object? message)
    {
        // Keep the connection open for the next instance: PostStop would close it.
    }

    protected override void PostStop() => store.Dispose();

    private void Load(LoadSnapshot load)
    {
        try
        {
            SnapshotEntry? entry = store.LoadLatest(load.PersistenceId, load.Criteria);
            load.PersistentActor.Tell(new SnapshotLoaded(entry, load.InstanceId), Self);
        }
        catch (Exception e) when (e is PersistenceException or ArgumentException or ObjectDisposedException)
        {
            load.PersistentActor.Tell(new SnapshotLoadFailed(e, load.InstanceId), Self);
        }
    }

    private void Save(SaveSnapshotRequest save)
    {
        SnapshotEntry entry = save.Entry;
        var metadata = new SnapshotMetadata(entry.PersistenceId, entry.SequenceNumber, entry.Created);
        try
        {
            store.Save(entry);
            save.PersistentActor.Tell(new SaveSnapshotSuccess(metadata), Self);
        }
        catch (Exception e) when (e is PersistenceException or ArgumentException or ObjectDisposedException)
        {
            save.PersistentActor.Tell(new SaveSnapshotFailure(metadata, e), Self);
        }
    }

    private void Delete(DeleteSnapshotsRequest delete)
    {
        try
        {
            int deleted = store.DeleteUpTo(delete.PersistenceId, delete.Criteria);
            delete.PersistentActor.Tell(new DeleteSnapshotsSuccess(delete.Criteria, deleted), Self);
        }
        catch (Exception e) when (e is PersistenceException or ArgumentException or ObjectDisposedException)
        {
            delete.PersistentActor.Tell(new DeleteSnapshotsFailure(delete.Criteria, e), Self);
        }
    }
}
