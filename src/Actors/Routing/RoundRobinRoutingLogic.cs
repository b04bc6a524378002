namespace CodeSight.Actors.Routing;

/// <summary>Sends to each routee in turn.</summary>
public sealed class RoundRobinRoutingLogic : RoutingLogic
{
    private long _next = -1;

    /// <inheritdoc />
    public override Routee Select(object message, IReadOnlyList<Routee> routees)
    {
        if (routees.Count == 0) return Routee.NoRoutee;
        var n = (ulong)Interlocked.Increment(ref _next);
        return routees[(int)(n % (ulong)routees.Count)];
    }
}
