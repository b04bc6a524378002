using CodeSight.Actors;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;

namespace CodeSight.Engine.Sampling;

/// <summary>
/// The entry point for hosts that are actors themselves (<c>/user/codesight/router</c>): they <c>Tell</c> it
/// <see cref="OpenProbe"/>, <see cref="UpdateProbe"/>, <see cref="FailProbe"/> and <see cref="CloseProbe"/>. A root
/// open (no parent) of an unknown trail asks the head gate; an admitted trail gets its trail actor and every later
/// message for it is forwarded there (keeping the host's order). Messages for sampled-out trails are dropped at no
/// cost and counted; messages for trails it never saw are counted as unknown.
/// </summary>
internal sealed class SamplingRouter(CodeSightEngine engine) : ActorBase
{
    // Sampled-out trail ids, remembered up to a bound (oldest forgotten first) so later messages drop quietly.
    private readonly HashSet<TrailId> _sampledOut = new();
    private readonly Queue<TrailId> _sampledOutOrder = new();

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case OpenProbe open: Route(open.TrailId, open, open.ParentId is null); return true;
            case UpdateProbe update: Route(update.TrailId, update, false); return true;
            case FailProbe fail: Route(fail.TrailId, fail, false); return true;
            case CloseProbe close: Route(close.TrailId, close, false); return true;
            default: return false;
        }
    }

    private void Route(TrailId trailId, object message, bool isRootOpen)
    {
        if (engine.TryFindTrail(trailId, out var trail))
        {
            trail.Trail.Tell(message, Sender);
            return;
        }
        if (_sampledOut.Contains(trailId))
        {
            engine.Counters.MessagesForSampledOutTrails.Increment();
            return;
        }
        if (!isRootOpen)
        {
            engine.Counters.MessagesForUnknownTrails.Increment();
            return;
        }
        if (!engine.Admit(trailId))
        {
            Remember(trailId);
            return;
        }
        engine.FindOrStartTrail(trailId).Trail.Tell(message, Sender);
    }

    private void Remember(TrailId trailId)
    {
        var bound = engine.Settings.RememberSampledOut;
        if (bound == 0 || !_sampledOut.Add(trailId)) return;
        _sampledOutOrder.Enqueue(trailId);
        if (_sampledOutOrder.Count > bound) _sampledOut.Remove(_sampledOutOrder.Dequeue());
    }
}
