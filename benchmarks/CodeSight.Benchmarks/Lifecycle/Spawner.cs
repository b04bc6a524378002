using CodeSight.Actors;

namespace CodeSight.Benchmarks.Lifecycle;

/// <summary>
/// Creates a round's short-lived children and gives each its work, keeping at most the round's limit alive: each
/// child that reports makes room for the next. The round is done for this spawner once every child has reported
/// and has been removed from its children (its termination was processed).
/// </summary>
public sealed class Spawner : UntypedActor
{
    private static readonly object Drain = new();
    private static readonly Props ChildProps = Props.Create(static () => new ShortLivedActor());
    private SpawnRound? _round;
    private int _toCreate;
    private int _pending;
    private uint _checksum;

    public uint Checksum => _checksum;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case SpawnRound round:
                _round = round;
                _pending = round.ActorsPerSpawner;
                _toCreate = round.ActorsPerSpawner;
                for (var i = Math.Min(round.MaxLivePerSpawner, _toCreate); i > 0; i--) SpawnOne();
                break;
            case Finished finished:
                _checksum ^= finished.Result;
                if (_toCreate > 0) SpawnOne();
                if (--_pending == 0) Self.Tell(Drain, Self);
                break;
            default:
                if (!ReferenceEquals(message, Drain))
                {
                    Unhandled(message);
                }
                else if (Context.GetChildren().Count == 0)
                {
                    _round!.SpawnerDrained();
                }
                else
                {
                    // The last children reported but their termination is still on its way; system messages are
                    // processed before this message comes round again.
                    Self.Tell(Drain, Self);
                }
                break;
        }
    }

    private void SpawnOne()
    {
        Context.ActorOf(ChildProps).Tell(new Work(_toCreate), Self);
        _toCreate--;
    }
}
