using CodeSight.Actors.Configuration;
using CodeSight.Actors.Events;

namespace CodeSight.Actors;

/// <summary>The kernel's settings, read once from the <c>codesight</c> section of the configuration.</summary>
public sealed class ActorSystemSettings
{
    /// <summary>Configuration path of the default dispatcher.</summary>
    public const string DefaultDispatcherId = "codesight.actor.default-dispatcher";

    /// <summary>Configuration path of the dispatcher with dedicated threads for blocking I/O.</summary>
    public const string BlockingIoDispatcherId = "codesight.actor.blocking-io-dispatcher";

    /// <summary>Configuration path of the default mailbox.</summary>
    public const string DefaultMailboxId = "codesight.actor.default-mailbox";

    /// <summary>Configuration path of the bounded mailbox.</summary>
    public const string BoundedMailboxId = "codesight.actor.bounded-mailbox";

    private readonly Dictionary<string, (string? Dispatcher, string? Mailbox)> _deployment = new(StringComparer.Ordinal);

    /// <summary>Reads the settings from a resolved configuration (user settings over reference.conf).</summary>
    public ActorSystemSettings(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        AskTimeout = config.GetTimeSpan("codesight.actor.ask-timeout");
        StdoutLogLevel = ParseLogLevel(config.GetString("codesight.stdout-loglevel", "warning"));
        var deployment = config.GetConfig("codesight.actor.deployment");
        foreach (var path in deployment.Keys)
        {
            var section = deployment.GetConfig(HoconQuote(path));
            _deployment[path] = (section.HasPath("dispatcher") ? section.GetString("dispatcher") : null,
                                 section.HasPath("mailbox") ? section.GetString("mailbox") : null);
        }
    }

    /// <summary>The whole configuration, for other layers' settings.</summary>
    public Config Config { get; }

    /// <summary>Default timeout of <c>Ask</c> (<c>codesight.actor.ask-timeout</c>).</summary>
    public TimeSpan AskTimeout { get; }

    /// <summary>Log events at or above this level are also written to standard error; null for none.</summary>
    public LogLevel? StdoutLogLevel { get; }

    /// <summary>Whether <c>codesight.actor.deployment</c> configures any path at all.</summary>
    internal bool HasDeployments => _deployment.Count > 0;

    /// <summary>The dispatcher and mailbox configured for an actor path in <c>codesight.actor.deployment</c>.</summary>
    public (string? Dispatcher, string? Mailbox) DeploymentFor(string path) =>
        _deployment.TryGetValue(path, out var deploy) ? deploy : (null, null);

    private static string HoconQuote(string key) => "\"" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static LogLevel? ParseLogLevel(string text) => text.Trim().ToLowerInvariant() switch
    {
        "off" => null,
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Info,
        "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => throw new ConfigurationException($"codesight.stdout-loglevel: '{text}' is not a log level; expected off, debug, info, warning or error."),
    };
}
