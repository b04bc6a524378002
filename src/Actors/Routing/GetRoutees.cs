namespace CodeSight.Actors.Routing;

/// <summary>Asks a router for its current routees; it replies with <see cref="Routees"/>.</summary>
public sealed class GetRoutees
{
    private GetRoutees() { }

    /// <summary>The single instance.</summary>
    public static GetRoutees Instance { get; } = new();
}
