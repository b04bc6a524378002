namespace CodeSight.Actors.Routing;

/// <summary>A router over actors that already exist; it watches them and drops those that stop.</summary>
public class Group : RouterConfig
{
    private readonly Func<RoutingLogic> _logic;

    /// <summary>Creates a group configuration.</summary>
    public Group(IEnumerable<IActorRef> routees, Func<RoutingLogic> logic)
    {
        ArgumentNullException.ThrowIfNull(routees);
        Routees = routees.ToArray();
        _logic = logic ?? throw new ArgumentNullException(nameof(logic));
    }

    /// <summary>The actors routed to.</summary>
    public IReadOnlyList<IActorRef> Routees { get; }

    /// <inheritdoc />
    public override RoutingLogic CreateLogic() => _logic();
}
