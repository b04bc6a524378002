using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using CodeSight.Actors.Events;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Observations;
using CodeSight.Engine.Clock;
using CodeSight.Engine.Recording;

namespace CodeSight.Engine.Sight;

/// <summary>
/// Code Sight's instrumentation on the engine (<c>engine.Sight</c>): defines <see cref="SightPoint"/>s, logs manual
/// observations (<see cref="Log(string, string, string, ProbeHandle?, Modality)"/>, <see cref="Metric"/>, <see cref="Image"/>, <see cref="Tensor(ReadOnlySpan{float}, ReadOnlySpan{int}, string, ProbeHandle?, Modality)"/>),
/// and holds what can change at run time — which points are enabled, alert thresholds per metric, and log rules.
/// Everything it records is published on the event stream as an <see cref="Observation"/>; breaches as
/// <see cref="SightAlert"/>s. Every member is thread-safe; run-time changes are copy-on-write, so the recording path
/// reads them without a lock.
/// </summary>
public sealed class SightRegistry
{
    /// <summary>The sight point name of manual log observations; <c>Disable("log")</c> silences them.</summary>
    public const string LogPoint = "log";

    /// <summary>The sight point name of manual metric observations; thresholds on them use this point name.</summary>
    public const string MetricPoint = "metric";

    /// <summary>The sight point name of manual image observations.</summary>
    public const string ImagePoint = "image";

    /// <summary>The sight point name of manual tensor observations.</summary>
    public const string TensorPoint = "tensor";

    private static readonly IReadOnlyDictionary<string, object?> NoContext = ReadOnlyDictionary<string, object?>.Empty;

    private readonly EventStream _events;
    private readonly IEngineClock _clock;
    private readonly int _tensorSample;
    private readonly ConcurrentDictionary<string, SightPoint> _points = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();

    // Copy-on-write snapshots: writers replace them under _writeLock, readers take the reference as it is.
    private volatile HashSet<string> _disabled;
    private volatile Dictionary<(string Point, string Metric), SightThreshold> _thresholds = new();
    private volatile LogRule[] _rules = [];
    private volatile bool _enabled;
    private long _logsDropped;

    /// <summary>Creates a registry publishing on <paramref name="events"/> with timestamps from <paramref name="clock"/>.</summary>
    public SightRegistry(EventStream events, IEngineClock clock, SightSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(clock);
        settings ??= SightSettings.Default;
        _events = events;
        _clock = clock;
        _tensorSample = settings.TensorSample;
        _enabled = settings.Enabled;
        _disabled = new HashSet<string>(settings.DisabledPoints, StringComparer.Ordinal);
    }

    /// <summary>The master switch: while false nothing is recorded, whatever each point's own state.</summary>
    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    /// <summary>Every point defined so far.</summary>
    public IReadOnlyCollection<SightPoint> Points => _points.Values.ToArray();

    /// <summary>The log rules, in the order they are tried.</summary>
    public IReadOnlyList<LogRule> LogRules => _rules;

    /// <summary>Manual log lines dropped by a <see cref="LogRule"/>.</summary>
    public long LogsDroppedByRules => Interlocked.Read(ref _logsDropped);

    /// <summary>
    /// Defines a sight point, or returns the one already defined with the same name and the same definition.
    /// </summary>
    /// <param name="name">Letters, digits, <c>_</c>, <c>-</c> and <c>.</c>; not one of the manual names (<c>log</c>...).</param>
    /// <param name="modality">The kind of work observed.</param>
    /// <param name="metrics">The metric names the work may report; <c>latency_ms</c> is always recorded.</param>
    /// <param name="target">The component observed; defaults to the name.</param>
    /// <exception cref="ArgumentException">A bad or reserved name, or a bad or repeated metric name.</exception>
    /// <exception cref="InvalidOperationException">A point with this name exists with another definition.</exception>
    public SightPoint Point(string name, Modality modality, IEnumerable<string>? metrics = null, string? target = null)
    {
        CheckName(name, nameof(name), "sight point name");
        if (name is LogPoint or MetricPoint or ImagePoint or TensorPoint)
        {
            throw new ArgumentException($"'{name}' is reserved for manual {name} observations; choose another sight point name.", nameof(name));
        }

        if (target is not null) ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var declared = new List<string> { SightPoint.LatencyMetric };
        var index = 0;
        foreach (var metric in metrics ?? [])
        {
            CheckName(metric, nameof(metrics), $"metric name at index {index} of sight point '{name}'");
            if (metric != SightPoint.LatencyMetric)
            {
                if (declared.Contains(metric, StringComparer.Ordinal))
                {
                    throw new ArgumentException($"Sight point '{name}' declares the metric '{metric}' twice (again at index {index}).", nameof(metrics));
                }

                declared.Add(metric);
            }

            index++;
        }

        lock (_writeLock)
        {
            if (_points.TryGetValue(name, out var existing))
            {
                if (existing.Modality != modality || existing.Target != (target ?? name) || !existing.Metrics.SequenceEqual(declared))
                {
                    throw new InvalidOperationException(
                        $"Sight point '{name}' is already defined as ({Modalities.WireName(existing.Modality)}, target '{existing.Target}', metrics {string.Join(", ", existing.Metrics)}); "
                        + $"it cannot be redefined as ({Modalities.WireName(modality)}, target '{target ?? name}', metrics {string.Join(", ", declared)}).");
                }

                return existing;
            }

            var point = new SightPoint(this, name, modality, declared.ToArray(), target ?? name, !_disabled.Contains(name));
            _points[name] = point;
            return point;
        }
    }

    /// <summary>The point named <paramref name="name"/>, if defined.</summary>
    public bool TryGetPoint(string name, out SightPoint point) => _points.TryGetValue(name, out point!);

    /// <summary>Enables a point (or a manual kind: <c>log</c>, <c>metric</c>, <c>image</c>, <c>tensor</c>); a point defined later starts enabled.</summary>
    public void Enable(string point) => SetEnabled(point, enabled: true);

    /// <summary>Disables a point (or a manual kind); a point defined later starts disabled. Its work still runs, unrecorded.</summary>
    public void Disable(string point) => SetEnabled(point, enabled: false);

    /// <summary>Whether observations under this name are recorded now (the master switch included).</summary>
    public bool IsEnabled(string point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return _enabled && (_points.TryGetValue(point, out var defined) ? defined.IsEnabled : !_disabled.Contains(point));
    }

    /// <summary>
    /// Sets the alert threshold of <paramref name="metric"/> at <paramref name="point"/>: a value above it publishes a
    /// <see cref="SightAlert"/>, and with <paramref name="failClosed"/> also throws <see cref="SightThresholdException"/>
    /// to the caller. Points not defined yet may be given thresholds; a defined point must declare the metric.
    /// </summary>
    /// <exception cref="ArgumentException">A bad name, an undeclared metric, or a NaN threshold.</exception>
    public void SetThreshold(string point, string metric, double value, bool failClosed = false)
    {
        CheckName(point, nameof(point), "sight point name");
        CheckName(metric, nameof(metric), "metric name");
        if (double.IsNaN(value)) throw new ArgumentException($"The threshold of {point}.{metric} is NaN; give a number.", nameof(value));
        if (_points.TryGetValue(point, out var defined) && defined.IndexOf(metric) < 0)
        {
            throw new ArgumentException($"Sight point '{point}' does not declare the metric '{metric}'; declared: {string.Join(", ", defined.Metrics)}.", nameof(metric));
        }

        lock (_writeLock)
        {
            _thresholds = new Dictionary<(string, string), SightThreshold>(_thresholds) { [(point, metric)] = new SightThreshold(value, failClosed) };
        }
    }

    /// <summary>Removes a threshold; false when there was none.</summary>
    public bool ClearThreshold(string point, string metric)
    {
        lock (_writeLock)
        {
            if (!_thresholds.ContainsKey((point, metric))) return false;
            var copy = new Dictionary<(string, string), SightThreshold>(_thresholds);
            copy.Remove((point, metric));
            _thresholds = copy;
            return true;
        }
    }

    /// <summary>The threshold of a metric, if one is set.</summary>
    public SightThreshold? ThresholdOf(string point, string metric) =>
        _thresholds.TryGetValue((point, metric), out var threshold) ? threshold : null;

    /// <summary>Adds a log rule at the end of the list, or replaces the rule with the same name in place.</summary>
    public void AddLogRule(LogRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_writeLock)
        {
            var rules = _rules.ToList();
            var at = rules.FindIndex(r => r.Name == rule.Name);
            if (at >= 0) rules[at] = rule;
            else rules.Add(rule);
            _rules = rules.ToArray();
        }
    }

    /// <summary>Removes the rule named <paramref name="name"/>; false when there was none.</summary>
    public bool RemoveLogRule(string name)
    {
        lock (_writeLock)
        {
            var rules = _rules.Where(r => r.Name != name).ToArray();
            if (rules.Length == _rules.Length) return false;
            _rules = rules;
            return true;
        }
    }

    /// <summary>
    /// Publishes a log observation (Code Sight's <c>log_log</c>) after the log rules: the first matching rule drops it or
    /// changes its level.
    /// </summary>
    /// <param name="target">The component logging, such as <c>navigation_module</c>.</param>
    /// <param name="message">The text.</param>
    /// <param name="level">The severity as the host names it; default <c>INFO</c>.</param>
    /// <param name="probe">The probe the line belongs to, if any.</param>
    /// <param name="modality">The kind of work; manual logs carry none in Code Sight, so the default is simulation.</param>
    public void Log(string target, string message, string level = "INFO", ProbeHandle? probe = null, Modality modality = Modality.Simulation) =>
        Log(target, message, level, NoContext, probe, modality);

    /// <summary>
    /// Publishes a log observation carrying <paramref name="context"/> (structured fields such as a logger's named
    /// properties), after the log rules as in <see cref="Log(string, string, string, ProbeHandle?, Modality)"/>.
    /// </summary>
    /// <param name="target">The component logging.</param>
    /// <param name="message">The text.</param>
    /// <param name="level">The severity as the host names it.</param>
    /// <param name="context">The observation's fields, published as given (scrub them first if they may hold secrets).</param>
    /// <param name="probe">The probe the line belongs to, or null.</param>
    /// <param name="modality">The kind of work.</param>
    public void Log(string target, string message, string level, IReadOnlyDictionary<string, object?> context, ProbeHandle? probe, Modality modality)
    {
        if (!IsActive(LogPoint)) return;
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(level);
        foreach (var rule in _rules)
        {
            if (!rule.Matches(target, message, level)) continue;
            if (rule.Drops)
            {
                Interlocked.Increment(ref _logsDropped);
                return;
            }

            level = rule.NewLevel!;
            break;
        }

        Publish(new Observation(LogPoint, target, modality, Observation.NoMetrics, context, Now(), new LogPayload(message, level), TrailOf(probe), ProbeOf(probe)));
    }

    /// <summary>Publishes one named measurement; a threshold set on (<c>metric</c>, <paramref name="name"/>) applies.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="value">A finite value.</param>
    /// <param name="unit">Its unit, such as <c>ms</c>.</param>
    /// <param name="target">The component measured; defaults to the metric name.</param>
    /// <param name="probe">The probe the measurement belongs to, if any.</param>
    /// <param name="modality">The kind of work; default simulation.</param>
    /// <exception cref="ArgumentException">A bad name or a NaN or infinite value.</exception>
    /// <exception cref="SightThresholdException">The value breached a fail-closed threshold (after the observation and alert were published).</exception>
    public void Metric(string name, double value, string? unit = null, string? target = null, ProbeHandle? probe = null, Modality modality = Modality.Simulation)
    {
        if (!IsActive(MetricPoint)) return;
        CheckName(name, nameof(name), "metric name");
        if (!double.IsFinite(value)) throw new ArgumentException($"Metric '{name}' = {value} is not a finite number.", nameof(value));
        var metrics = new Dictionary<string, double>(1, StringComparer.Ordinal) { [name] = value };
        Publish(new Observation(MetricPoint, target ?? name, modality, metrics, NoContext, Now(), new MetricPayload(name, value, unit), TrailOf(probe), ProbeOf(probe)));
        CheckThreshold(MetricPoint, name, value, probe, throwWhenFailClosed: true);
    }

    /// <summary>Publishes an image observation (Code Sight's documented <c>log_image</c>); PNG or JPEG, sniffed from its bytes.</summary>
    /// <exception cref="ArgumentException">The bytes are neither PNG nor JPEG; the message shows the first bytes.</exception>
    public void Image(ReadOnlySpan<byte> bytes, string target, ProbeHandle? probe = null, Modality modality = Modality.VisionProcessing)
    {
        if (!IsActive(ImagePoint)) return;
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var image = new ImagePayload(bytes);
        var metrics = new Dictionary<string, double>(3, StringComparer.Ordinal) { ["bytes"] = bytes.Length };
        if (image.Width is { } width) metrics["width"] = width;
        if (image.Height is { } height) metrics["height"] = height;
        Publish(new Observation(ImagePoint, target, modality, metrics, NoContext, Now(), image, TrailOf(probe), ProbeOf(probe)));
    }

    /// <summary>Publishes a float32 tensor summary (Code Sight's documented <c>log_tensor</c>): shape, statistics, a bounded sample.</summary>
    /// <exception cref="ArgumentException">The shape does not hold exactly the values given.</exception>
    public void Tensor(ReadOnlySpan<float> values, ReadOnlySpan<int> shape, string target, ProbeHandle? probe = null, Modality modality = Modality.Inference)
    {
        if (!IsActive(TensorPoint)) return;
        PublishTensor(TensorPayload.From(values, shape, _tensorSample), target, probe, modality);
    }

    /// <summary>Publishes a float64 tensor summary.</summary>
    /// <exception cref="ArgumentException">The shape does not hold exactly the values given.</exception>
    public void Tensor(ReadOnlySpan<double> values, ReadOnlySpan<int> shape, string target, ProbeHandle? probe = null, Modality modality = Modality.Inference)
    {
        if (!IsActive(TensorPoint)) return;
        PublishTensor(TensorPayload.From(values, shape, _tensorSample), target, probe, modality);
    }

    /// <summary>Publishes an int32 tensor summary.</summary>
    /// <exception cref="ArgumentException">The shape does not hold exactly the values given.</exception>
    public void Tensor(ReadOnlySpan<int> values, ReadOnlySpan<int> shape, string target, ProbeHandle? probe = null, Modality modality = Modality.Inference)
    {
        if (!IsActive(TensorPoint)) return;
        PublishTensor(TensorPayload.From(values, shape, _tensorSample), target, probe, modality);
    }

    /// <summary>Publishes an int64 tensor summary.</summary>
    /// <exception cref="ArgumentException">The shape does not hold exactly the values given.</exception>
    public void Tensor(ReadOnlySpan<long> values, ReadOnlySpan<int> shape, string target, ProbeHandle? probe = null, Modality modality = Modality.Inference)
    {
        if (!IsActive(TensorPoint)) return;
        PublishTensor(TensorPayload.From(values, shape, _tensorSample), target, probe, modality);
    }

    internal static TrailId? TrailOf(ProbeHandle? probe) => probe is { IsRecording: true } ? probe.TrailId : null;

    internal static ProbeId? ProbeOf(ProbeHandle? probe) => probe is { IsRecording: true } ? probe.Id : null;

    internal long Now() => _clock.NowMicros();

    internal void Publish(Observation observation) => _events.Publish(observation);

    internal void CheckThreshold(string point, string metric, double value, ProbeHandle? probe, bool throwWhenFailClosed)
    {
        var thresholds = _thresholds;
        if (thresholds.Count == 0 || !thresholds.TryGetValue((point, metric), out var threshold) || !(value > threshold.Value)) return;
        _events.Publish(new SightAlert(point, metric, value, threshold.Value, Now(), threshold.FailClosed, TrailOf(probe), ProbeOf(probe)));
        if (threshold.FailClosed && throwWhenFailClosed) throw new SightThresholdException(point, metric, value, threshold.Value);
    }

    private bool IsActive(string manualKind) => _enabled && !_disabled.Contains(manualKind);

    private void PublishTensor(TensorPayload tensor, string target, ProbeHandle? probe, Modality modality)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var metrics = new Dictionary<string, double>(5, StringComparer.Ordinal) { ["count"] = tensor.Count };
        // Statistics are NaN for an empty or all-NaN tensor; metrics carry only finite numbers.
        if (double.IsFinite(tensor.Mean)) metrics["mean"] = tensor.Mean;
        if (double.IsFinite(tensor.Std)) metrics["std"] = tensor.Std;
        if (double.IsFinite(tensor.Min)) metrics["min"] = tensor.Min;
        if (double.IsFinite(tensor.Max)) metrics["max"] = tensor.Max;
        Publish(new Observation(TensorPoint, target, modality, metrics, NoContext, Now(), tensor, TrailOf(probe), ProbeOf(probe)));
    }

    private void SetEnabled(string point, bool enabled)
    {
        CheckName(point, nameof(point), "sight point name");
        lock (_writeLock)
        {
            var disabled = new HashSet<string>(_disabled, StringComparer.Ordinal);
            if (enabled) disabled.Remove(point);
            else disabled.Add(point);
            _disabled = disabled;
            if (_points.TryGetValue(point, out var defined)) defined.SetEnabled(enabled);
        }
    }

    private static void CheckName(string name, string parameter, string what)
    {
        ArgumentNullException.ThrowIfNull(name, parameter);
        if (name.Length == 0) throw new ArgumentException($"The {what} is empty.", parameter);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-' and not '.')
            {
                throw new ArgumentException($"The {what} '{name}' has '{c}' at index {i}; use letters, digits, '_', '-' and '.'.", parameter);
            }
        }
    }
}
