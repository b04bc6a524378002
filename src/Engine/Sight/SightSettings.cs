using CodeSight.Actors.Configuration;
using CodeSight.Contracts.Observations;

namespace CodeSight.Engine.Sight;

/// <summary>The instrumentation's settings, read from <c>codesight.engine.sight</c> (documented in reference.conf).</summary>
public sealed class SightSettings
{
    /// <summary>The defaults of reference.conf, for registries built without a configuration.</summary>
    public static SightSettings Default { get; } = new(ConfigurationFactory.Load());

    /// <summary>Reads the settings; a bad value raises a <see cref="ConfigurationException"/> naming its path.</summary>
    public SightSettings(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sight = config.GetConfig("codesight.engine.sight");
        Enabled = sight.GetBoolean("enabled");
        DisabledPoints = sight.GetStringList("disabled-points");
        TensorSample = sight.GetInt("tensor-sample");
        if (TensorSample is < 0 or > TensorPayload.MaxSampleCap)
        {
            throw new ConfigurationException($"codesight.engine.sight.tensor-sample: {TensorSample} must be between 0 and {TensorPayload.MaxSampleCap}.");
        }
    }

    /// <summary>Whether sight points and manual logs record when the registry starts.</summary>
    public bool Enabled { get; }

    /// <summary>Point names (or <c>log</c>, <c>metric</c>, <c>image</c>, <c>tensor</c>) that start disabled.</summary>
    public IReadOnlyList<string> DisabledPoints { get; }

    /// <summary>Values kept in a logged tensor's strided sample.</summary>
    public int TensorSample { get; }
}
