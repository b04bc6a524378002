using CodeSight.Actors.Configuration;

namespace CodeSight.Engine;

/// <summary>The tracing plane's settings, read from <c>codesight.engine</c> (every key is documented in reference.conf).</summary>
public sealed class EngineSettings
{
    /// <summary>Reads the settings; a bad value raises a <see cref="ConfigurationException"/> naming the path.</summary>
    public EngineSettings(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var engine = config.GetConfig("codesight.engine");
        Enabled = engine.GetBoolean("enabled");
        SamplingRatio = engine.GetDouble("sampling.ratio");
        RateLimit = engine.GetDouble("sampling.rate-limit");
        RateLimitBurst = engine.GetDouble("sampling.rate-limit-burst");
        IdleTimeout = Positive(engine.GetTimeSpan("trail.idle-timeout"), "codesight.engine.trail.idle-timeout");
        ReapInterval = Positive(engine.GetTimeSpan("trail.reap-interval"), "codesight.engine.trail.reap-interval");
        RememberSampledOut = engine.GetInt("sampling.remember-sampled-out");
        var shards = engine.GetInt("trail.shards");
        if (shards < 0) throw new ConfigurationException($"codesight.engine.trail.shards: {shards} must not be negative (0 picks one per processor core).");
        TrailShards = shards == 0 ? Math.Max(2, Environment.ProcessorCount) : shards;
        TailSampling = engine.GetBoolean("tail-sampling.enabled");
        TailKeepErrors = engine.GetBoolean("tail-sampling.keep-errors");
        TailSlowThreshold = engine.GetTimeSpan("tail-sampling.slow-threshold");
        TailHeadRatio = engine.GetDouble("tail-sampling.head-ratio");
        Redaction = engine.GetBoolean("redaction.enabled");
        SignalReaderCapacity = engine.GetInt("signals.reader-capacity");
        if (RememberSampledOut < 0) throw new ConfigurationException($"codesight.engine.sampling.remember-sampled-out: {RememberSampledOut} must not be negative.");
        if (SignalReaderCapacity < 1) throw new ConfigurationException($"codesight.engine.signals.reader-capacity: {SignalReaderCapacity} must be at least 1.");
    }

    /// <summary>Master switch: when off, every trail gets the no-op handle.</summary>
    public bool Enabled { get; }

    /// <summary>Head sampling: the fraction of trails admitted, keyed on the trail id (FNV-1a ratio gate).</summary>
    public double SamplingRatio { get; }

    /// <summary>Head sampling: at most this many trails per second (token bucket); 0 for no limit.</summary>
    public double RateLimit { get; }

    /// <summary>Token-bucket burst for <see cref="RateLimit"/>.</summary>
    public double RateLimitBurst { get; }

    /// <summary>A trail with no message for this long has its open probes closed as abandoned and ends.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>How often idle trails are looked for.</summary>
    public TimeSpan ReapInterval { get; }

    /// <summary>
    /// How many shard actors host the trails (each trail lives in the one its id maps to); the setting's 0 means one
    /// per processor core, at least 2.
    /// </summary>
    public int TrailShards { get; }

    /// <summary>How many sampled-out trail ids the router remembers, to drop their later messages quietly.</summary>
    public int RememberSampledOut { get; }

    /// <summary>Tail sampling: trails buffer their signals and are kept or dropped at completion.</summary>
    public bool TailSampling { get; }

    /// <summary>Tail sampling keeps trails with an error or abandoned probe.</summary>
    public bool TailKeepErrors { get; }

    /// <summary>Tail sampling keeps trails whose root took at least this long (zero or less: off).</summary>
    public TimeSpan TailSlowThreshold { get; }

    /// <summary>Tail sampling also keeps this fraction of other trails (by the ratio gate on the trail id).</summary>
    public double TailHeadRatio { get; }

    /// <summary>Secret redaction of attributes and faults on input.</summary>
    public bool Redaction { get; }

    /// <summary>Buffer of each <c>Recorder.Signals()</c> reader; a slower reader loses the newest signals (counted).</summary>
    public int SignalReaderCapacity { get; }

    private static TimeSpan Positive(TimeSpan value, string path) =>
        value > TimeSpan.Zero ? value : throw new ConfigurationException($"{path}: {value} must be positive.");
}
