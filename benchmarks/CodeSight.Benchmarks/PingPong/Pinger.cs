using CodeSight.Actors;

namespace CodeSight.Benchmarks.PingPong;

/// <summary>
/// Keeps <see cref="PingPongRound.Window"/> balls in flight towards its ponger: every ball that comes back is
/// thrown again until the round's quota has been thrown, and the round is done for this pair when the last one
/// has come back.
/// </summary>
public sealed class Pinger : UntypedActor
{
    private PingPongRound? _round;
    private IActorRef? _ponger;
    private int _toSend;
    private int _toReceive;

    protected override void OnReceive(object message)
    {
        if (message is Ball)
        {
            if (_toSend > 0)
            {
                _toSend--;
                _ponger!.Tell(Ball.Instance, Self);
            }
            if (--_toReceive == 0) _round!.PairFinished();
        }
        else if (message is StartRound start)
        {
            _round = start.Round;
            _ponger = start.Ponger;
            _toSend = start.Round.PingsPerPair;
            _toReceive = start.Round.PingsPerPair;
            var first = Math.Min(start.Round.Window, _toSend);
            _toSend -= first;
            for (var i = 0; i < first; i++) _ponger.Tell(Ball.Instance, Self);
        }
        else
        {
            Unhandled(message);
        }
    }
}
