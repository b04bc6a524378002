namespace CodeSight.Actors.Routing;

/// <summary>A router that creates <see cref="NrOfInstances"/> routees as its children and supervises them.</summary>
public class Pool : RouterConfig
{
    private readonly Func<RoutingLogic> _logic;

    /// <summary>Creates a pool configuration.</summary>
    public Pool(int nrOfInstances, Func<RoutingLogic> logic)
    {
        if (nrOfInstances < 1) throw new ArgumentOutOfRangeException(nameof(nrOfInstances), nrOfInstances, "A pool needs at least one routee.");
        NrOfInstances = nrOfInstances;
        _logic = logic ?? throw new ArgumentNullException(nameof(logic));
    }

    /// <summary>How many routees the pool creates.</summary>
    public int NrOfInstances { get; }

    /// <inheritdoc />
    public override RoutingLogic CreateLogic() => _logic();
}
