using System.Diagnostics;
using CodeSight.Contracts.Observations;
using CodeSight.Engine.Recording;

namespace CodeSight.Engine.Sight;

/// <summary>
/// One measurement at a <see cref="SightPoint"/>: the work reports its declared metrics with <see cref="Metric"/> and
/// context with <see cref="Note"/>; disposing it (or the end of <c>Measure</c>) publishes the observation once. A scope
/// belongs to one flow of work: it is not meant to be shared between threads. The scope handed out by a disabled point
/// is inert: every call returns at once.
/// </summary>
public sealed class SightScope : IDisposable
{
    private readonly SightPoint? _point;
    private readonly ProbeHandle? _probe;
    private readonly long _started;
    private readonly double[]? _values;
    private readonly bool[]? _reported;
    private Dictionary<string, object?>? _context;
    private Exception? _error;
    private bool _completed;

    private SightScope()
    {
    }

    internal SightScope(SightPoint point, ProbeHandle? probe)
    {
        _point = point;
        _probe = probe;
        _values = new double[point.Metrics.Count];
        _reported = new bool[point.Metrics.Count];
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>False for the inert scope of a disabled point.</summary>
    public bool IsRecording => _point is not null;

    internal static SightScope Inert { get; } = new();

    /// <summary>Reports a declared metric (the last report of a name wins) and checks it against its threshold.</summary>
    /// <exception cref="ArgumentException">The point does not declare <paramref name="name"/>, it is <c>latency_ms</c>
    /// (measured by the point), or the value is NaN or infinite.</exception>
    /// <exception cref="SightThresholdException">The value breached a fail-closed threshold (an alert was published).</exception>
    public SightScope Metric(string name, double value)
    {
        if (_point is null) return this;
        ArgumentNullException.ThrowIfNull(name);
        var index = _point.IndexOf(name);
        if (index < 0)
        {
            throw new ArgumentException(
                $"Sight point '{_point.Name}' does not declare the metric '{name}'; declared: {string.Join(", ", _point.Metrics)}.", nameof(name));
        }

        if (index == 0)
        {
            throw new ArgumentException($"Sight point '{_point.Name}': {SightPoint.LatencyMetric} is measured by the point itself and cannot be reported.", nameof(name));
        }

        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Sight point '{_point.Name}': metric '{name}' = {value} is not a finite number.", nameof(value));
        }

        _values![index] = value;
        _reported![index] = true;
        _point.Registry.CheckThreshold(_point.Name, name, value, _probe, throwWhenFailClosed: true);
        return this;
    }

    /// <summary>Adds a context attribute to the observation (same value rules as probe attributes).</summary>
    public SightScope Note(string key, object? value)
    {
        if (_point is null) return this;
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        (_context ??= new Dictionary<string, object?>(StringComparer.Ordinal))[key] = value;
        return this;
    }

    /// <summary>Marks the work failed: the observation gets <c>status = error</c> and the exception's type and message.</summary>
    public void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (_point is null) return;
        _error = exception;
    }

    /// <summary>Publishes the observation (once; later calls do nothing).</summary>
    /// <exception cref="SightThresholdException">The latency breached a fail-closed threshold and the work had not failed.</exception>
    public void Dispose() => Complete();

    internal void Complete()
    {
        if (_point is null || _completed) return;
        _completed = true;
        var latency = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
        var metrics = new Dictionary<string, double>(_values!.Length, StringComparer.Ordinal) { [SightPoint.LatencyMetric] = latency };
        for (var i = 1; i < _values.Length; i++)
        {
            if (_reported![i]) metrics[_point.Metrics[i]] = _values[i];
        }

        var context = _context ?? new Dictionary<string, object?>(3, StringComparer.Ordinal);
        context["status"] = _error is null ? "ok" : "error";
        if (_error is not null)
        {
            context["error.type"] = _error.GetType().FullName;
            context["error.message"] = _error.Message;
        }

        var registry = _point.Registry;
        registry.Publish(new Observation(
            _point.Name, _point.Target, _point.Modality, metrics, context, registry.Now(),
            TrailId: SightRegistry.TrailOf(_probe), ProbeId: SightRegistry.ProbeOf(_probe)));
        // A failed work already throws its own exception; a breach then only alerts.
        registry.CheckThreshold(_point.Name, SightPoint.LatencyMetric, latency, _probe, throwWhenFailClosed: _error is null);
    }
}
