using CodeSight.Actors.Configuration;

namespace CodeSight.Engine.Forwarding;

/// <summary>The forwarding sink's settings, read from <c>codesight.engine.forward</c> (documented in reference.conf).</summary>
public sealed record ForwardingSettings
{
    /// <summary>Items waiting to be sent before the newest are dropped.</summary>
    public int Queue { get; init; } = 10_000;

    /// <summary>Most items in one ingest message.</summary>
    public int Batch { get; init; } = 500;

    /// <summary>Largest ingest message sent, in bytes.</summary>
    public int MaxMessageBytes { get; init; } = 1 << 20;

    /// <summary>How long a connection attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait after the first failed connection; doubled after each further failure.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between connection attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a stopping sink keeps sending what is queued.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Reads <c>codesight.engine.forward</c>; a bad value raises a <see cref="ConfigurationException"/> naming its path.</summary>
    public static ForwardingSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var forward = config.GetConfig("codesight.engine.forward");
        var settings = new ForwardingSettings
        {
            Queue = forward.GetInt("queue"),
            Batch = forward.GetInt("batch"),
            MaxMessageBytes = (int)Math.Min(int.MaxValue, forward.GetByteSize("max-message-size")),
            ConnectTimeout = forward.GetTimeSpan("connect-timeout"),
            MinBackoff = forward.GetTimeSpan("min-backoff"),
            MaxBackoff = forward.GetTimeSpan("max-backoff"),
            DrainTimeout = forward.GetTimeSpan("drain-timeout"),
        };
        if (settings.Problem() is { } problem) throw new ConfigurationException("codesight.engine.forward." + problem);
        return settings;
    }

    /// <summary>What is wrong with these settings, as "key: reason", or null when they are valid.</summary>
    public string? Problem()
    {
        if (Queue < 1) return $"queue: {Queue} must be at least 1.";
        if (Batch is < 1 or > 10_000) return $"batch: {Batch} must be between 1 and 10000 (the server's limit per message).";
        if (MaxMessageBytes < 1024) return $"max-message-size: {MaxMessageBytes} bytes is below the minimum of 1KiB.";
        if (ConnectTimeout <= TimeSpan.Zero) return $"connect-timeout: {ConnectTimeout} must be positive.";
        if (MinBackoff <= TimeSpan.Zero) return $"min-backoff: {MinBackoff} must be positive.";
        if (MaxBackoff < MinBackoff) return $"max-backoff: {MaxBackoff} is below min-backoff ({MinBackoff}).";
        if (DrainTimeout < TimeSpan.Zero) return $"drain-timeout: {DrainTimeout} must not be negative.";
        return null;
    }
}
