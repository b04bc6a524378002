using CodeSight.Actors.Configuration;

namespace CodeSight.TestKit;

/// <summary>
/// The TestKit's timing settings, read from <c>codesight.test</c>: every default timeout and every explicit one is
/// multiplied by <see cref="TimeFactor"/>, so a slow or shared machine can stretch them all at once (for example
/// with the environment variable <c>CODESIGHT_TEST_TIMEFACTOR</c>).
/// </summary>
public sealed class TestKitSettings
{
    /// <summary>Reads the settings from a resolved configuration.</summary>
    /// <exception cref="ConfigurationException">A value is missing or malformed.</exception>
    /// <exception cref="ArgumentException">The time factor is not a positive, finite number.</exception>
    public TestKitSettings(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        TimeFactor = config.GetDouble("codesight.test.timefactor");
        if (!(TimeFactor > 0) || double.IsInfinity(TimeFactor))
        {
            throw new ArgumentException($"codesight.test.timefactor: {TimeFactor} is not a positive, finite number.", nameof(config));
        }
        SingleExpectDefault = config.GetTimeSpan("codesight.test.single-expect-default");
        ExpectNoMessageDefault = config.GetTimeSpan("codesight.test.expect-no-message-default");
        ShutdownTimeout = config.GetTimeSpan("codesight.test.shutdown-timeout");
    }

    /// <summary>The multiplier applied to every TestKit timeout (<c>codesight.test.timefactor</c>).</summary>
    public double TimeFactor { get; }

    /// <summary>How long an expectation waits when given no timeout, before dilation.</summary>
    public TimeSpan SingleExpectDefault { get; }

    /// <summary>How long <c>ExpectNoMsg</c> watches when given no duration, before dilation.</summary>
    public TimeSpan ExpectNoMessageDefault { get; }

    /// <summary>How long disposing a TestKit waits for its actor system to terminate, before dilation.</summary>
    public TimeSpan ShutdownTimeout { get; }

    /// <summary>Scales <paramref name="duration"/> by <see cref="TimeFactor"/>; infinite stays infinite.</summary>
    public TimeSpan Dilated(TimeSpan duration)
    {
        if (duration == Timeout.InfiniteTimeSpan || duration == TimeSpan.MaxValue) return duration;
        var ticks = duration.Ticks * TimeFactor;
        // A large factor on a long duration must saturate rather than overflow into a negative span.
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
    }
}
