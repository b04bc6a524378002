using CodeSight.Actors;
using CodeSight.Actors.Events;
using CodeSight.Engine.Discovery;

namespace CodeSight.Engine.Forwarding;

/// <summary>
/// The host's one call for "send to the server if there is one, else record embedded": finds a server with
/// <see cref="ServerLocator"/> and, if there is one, starts a <see cref="ServerForwardingSink"/> beside the host's
/// own sinks and ledger; if not, starts nothing. Either way the choice and the reasons are published as a
/// <see cref="LogEvent"/> and returned.
/// </summary>
public static class ServerForwarding
{
    /// <summary>Locates a server and starts forwarding to it when one is found.</summary>
    /// <param name="engine">The host's engine; the sink subscribes to its system's event stream.</param>
    /// <param name="locator">What the search reads; default the real environment, discovery folder and port.</param>
    /// <param name="settings">Queue, batch and backoff; default <c>codesight.engine.forward</c> of the system.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <exception cref="CodeSight.Actors.Configuration.ConfigurationException">A forwarding setting is invalid.</exception>
    public static Task<ForwardingChoice> StartAsync(CodeSightEngine engine, ServerLocatorOptions? locator = null, ForwardingSettings? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return StartAsync(engine.System, locator, settings, cancellationToken);
    }

    /// <summary>
    /// Locates a server and starts forwarding to it when one is found, before any engine runs: a host that starts
    /// its sinks first (as <c>CodeSightRuntime</c> does) forwards everything the engine will publish.
    /// </summary>
    /// <param name="system">The host's actor system; the sink subscribes to its event stream.</param>
    /// <param name="locator">What the search reads; default the real environment, discovery folder and port.</param>
    /// <param name="settings">Queue, batch and backoff; default <c>codesight.engine.forward</c> of the system.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <exception cref="CodeSight.Actors.Configuration.ConfigurationException">A forwarding setting is invalid.</exception>
    public static async Task<ForwardingChoice> StartAsync(ActorSystem system, ServerLocatorOptions? locator = null, ForwardingSettings? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        settings ??= ForwardingSettings.FromConfig(system.Settings.Config);
        var location = await ServerLocator.LocateAsync(locator, cancellationToken).ConfigureAwait(false);
        if (!location.Found)
        {
            Publish(system, LogLevel.Info, "No CodeSight server found; recording embedded. " + location.Describe());
            return new ForwardingChoice(location, null, null);
        }

        var counters = new ForwarderCounters();
        var sink = system.ActorOf(ServerForwardingSink.Props(location, settings, counters), ServerForwardingSink.ActorName);
        Publish(system, LogLevel.Info, $"Forwarding to the CodeSight server at {location.Url} (found by {location.Source}). " + location.Describe());
        return new ForwardingChoice(location, sink, counters);
    }

    private static void Publish(ActorSystem system, LogLevel level, string text) =>
        system.EventStream.Publish(new LogEvent(level, nameof(ServerForwarding), text, null, DateTimeOffset.UtcNow));
}
