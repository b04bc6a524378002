using CodeSight.Actors.Routing;

namespace CodeSight.Actors;

/// <summary>
/// An immutable recipe for creating an actor: a factory delegate (no reflection) plus deployment choices — the
/// dispatcher, the mailbox and an optional router. The same props may create many actors, and the kernel calls the
/// factory again on every restart, so it must return a fresh instance each time.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Func<ActorBase> factory, string? dispatcher, string? mailbox, RouterConfig? router)
    {
        _factory = factory;
        Dispatcher = dispatcher;
        Mailbox = mailbox;
        Router = router;
    }

    /// <summary>Props from a factory delegate, e.g. <c>Props.Create(() =&gt; new TrailActor(id))</c>.</summary>
    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory, null, null, null);
    }

    /// <summary>Props for an actor with a parameterless constructor.</summary>
    public static Props Create<TActor>() where TActor : ActorBase, new() => new(static () => new TActor(), null, null, null);

    /// <summary>Props for a router whose routees are given (a group); see <see cref="RouterConfig"/>.</summary>
    public static Props Empty { get; } = new(static () => throw new InvalidOperationException("Props.Empty creates no actor; use it only with a group router."), null, null, null);

    /// <summary>The dispatcher's configuration path, or null for the default dispatcher.</summary>
    public string? Dispatcher { get; }

    /// <summary>The mailbox's configuration path, or null for the default mailbox.</summary>
    public string? Mailbox { get; }

    /// <summary>The router configuration, or null for an ordinary actor.</summary>
    public RouterConfig? Router { get; }

    /// <summary>Runs the actor on the dispatcher configured at <paramref name="dispatcherId"/>.</summary>
    public Props WithDispatcher(string dispatcherId) => new(_factory, dispatcherId, Mailbox, Router);

    /// <summary>Gives the actor the mailbox configured at <paramref name="mailboxId"/>.</summary>
    public Props WithMailbox(string mailboxId) => new(_factory, Dispatcher, mailboxId, Router);

    /// <summary>Creates a router instead of a single actor; pools create their routees from these props.</summary>
    public Props WithRouter(RouterConfig router) => new(_factory, Dispatcher, Mailbox, router);

    internal Props WithoutRouter() => new(_factory, Dispatcher, Mailbox, null);

    internal ActorBase NewActor()
    {
        var actor = _factory() ?? throw new InvalidOperationException("The actor factory returned null.");
        actor.Constructed();
        return actor;
    }
}
