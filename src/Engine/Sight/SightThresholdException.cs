using System.Globalization;

namespace CodeSight.Engine.Sight;

/// <summary>Thrown to the caller when a metric breaches a fail-closed threshold; a <see cref="SightAlert"/> was published first.</summary>
public sealed class SightThresholdException : Exception
{
    /// <summary>Creates the exception for a breach.</summary>
    public SightThresholdException(string point, string metric, double value, double threshold)
        : base(string.Create(CultureInfo.InvariantCulture, $"Sight point '{point}': {metric} = {value} is above its fail-closed threshold {threshold}."))
    {
        Point = point;
        Metric = metric;
        Value = value;
        Threshold = threshold;
    }

    /// <summary>The sight point.</summary>
    public string Point { get; }

    /// <summary>The metric.</summary>
    public string Metric { get; }

    /// <summary>The value measured.</summary>
    public double Value { get; }

    /// <summary>The threshold it went above.</summary>
    public double Threshold { get; }
}
