using CodeSight.Actors.Configuration;

namespace CodeSight.Hosting.Runtime;

/// <summary>The host integration's settings, read from <c>codesight.hosting</c> (documented in reference.conf).</summary>
public sealed class HostingSettings
{
    /// <summary>Reads the settings; a bad value raises a <see cref="ConfigurationException"/> naming its path.</summary>
    public HostingSettings(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var hosting = config.GetConfig("codesight.hosting");
        Ledger = hosting.GetBoolean("ledger");
        Forward = hosting.GetBoolean("forward");
        DrainTimeout = hosting.GetTimeSpan("drain-timeout");
        if (DrainTimeout < TimeSpan.Zero) throw new ConfigurationException($"codesight.hosting.drain-timeout: {DrainTimeout} must be zero or more.");
        StepTimeout = hosting.GetTimeSpan("step-timeout");
        if (StepTimeout <= TimeSpan.Zero) throw new ConfigurationException($"codesight.hosting.step-timeout: {StepTimeout} must be positive.");
    }

    /// <summary>Whether the ledger runs with the host.</summary>
    public bool Ledger { get; }

    /// <summary>Whether the host looks for a running CodeSight server at start and forwards to it when it finds one.</summary>
    public bool Forward { get; }

    /// <summary>How long a stop waits for running trails to complete.</summary>
    public TimeSpan DrainTimeout { get; }

    /// <summary>How long each flush or termination step of a stop may take.</summary>
    public TimeSpan StepTimeout { get; }
}
