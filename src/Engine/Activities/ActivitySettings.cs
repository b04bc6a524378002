using CodeSight.Actors.Configuration;

namespace CodeSight.Engine.Activities;

/// <summary>The Activity bridge's settings, read from <c>codesight.activities</c> (every key is documented in reference.conf).</summary>
public sealed class ActivitySettings
{
    /// <summary>Reads the settings; a bad value raises a <see cref="ConfigurationException"/> naming its path.</summary>
    public ActivitySettings(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var activities = config.GetConfig("codesight.activities");
        Listen = activities.GetBoolean("listen.enabled");
        Sources = activities.GetStringList("listen.sources");
        for (var i = 0; i < Sources.Count; i++)
        {
            if (!SourceFilter.IsValidPattern(Sources[i]))
            {
                throw new ConfigurationException($"codesight.activities.listen.sources[{i}]: \"{Sources[i]}\" is not a source name or a prefix ending in '*' (a '*' is allowed only at the end, and the name must not be empty).");
            }
        }
        ProbeScope = activities.GetBoolean("probe-scope");
    }

    /// <summary>Whether the engine starts an <see cref="ActivityBridge"/> listening to <see cref="Sources"/>.</summary>
    public bool Listen { get; }

    /// <summary>ActivitySource names the bridge listens to: exact names, or prefixes ending in <c>*</c>.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>Whether each probe opened through the recorder is <c>Activity.Current</c> while it is open.</summary>
    public bool ProbeScope { get; }
}
