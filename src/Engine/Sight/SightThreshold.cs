namespace CodeSight.Engine.Sight;

/// <summary>An alert threshold on one metric of one sight point: a value strictly above <see cref="Value"/> breaches it.</summary>
/// <param name="Value">The highest value that does not alert.</param>
/// <param name="FailClosed">When true a breach also throws <see cref="SightThresholdException"/> to the caller.</param>
public readonly record struct SightThreshold(double Value, bool FailClosed);
