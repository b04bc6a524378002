using CodeSight.Actors;

namespace CodeSight.Benchmarks.Lifecycle;

/// <summary>
/// Does a little work on its one message, reports the result to its parent (the spawner) and stops itself, as a
/// trail actor does when its trail closes.
/// </summary>
public sealed class ShortLivedActor : UntypedActor
{
    protected override void OnReceive(object message)
    {
        if (message is not Work work)
        {
            Unhandled(message);
            return;
        }
        var x = (uint)work.Seed;
        for (var i = 0; i < 16; i++) x = x * 0x01000193 ^ (uint)i; // a few cycles of FNV-style mixing
        Context.Parent.Tell(new Finished(x), Self);
        Context.Stop(Self);
    }
}
