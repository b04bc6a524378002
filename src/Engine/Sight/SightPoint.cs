using CodeSight.Contracts.Observations;
using CodeSight.Engine.Recording;

namespace CodeSight.Engine.Sight;

/// <summary>
/// One instrumented place in the host's code, defined once with <see cref="SightRegistry.Point"/> — the equivalent of
/// Code Sight's <c>@sight_point(name, modality, metrics)</c>. Each <see cref="Measure(Action{SightScope}, ProbeHandle?)"/>
/// (or <see cref="Begin"/> scope) times the work with a <see cref="System.Diagnostics.Stopwatch"/> into
/// <c>latency_ms</c>, records success or the escaping exception (which is rethrown), collects the declared metrics
/// the work reports, and publishes one <see cref="Observation"/>. While the point is disabled the work still runs but
/// nothing is recorded or allocated. Safe to use from any number of threads at once.
/// </summary>
public sealed class SightPoint
{
    /// <summary>The metric every point records: the work's wall-clock time in milliseconds.</summary>
    public const string LatencyMetric = "latency_ms";

    private readonly string[] _metrics;
    private volatile bool _enabled;

    internal SightPoint(SightRegistry registry, string name, Modality modality, string[] metrics, string target, bool enabled)
    {
        Registry = registry;
        Name = name;
        Modality = modality;
        Target = target;
        _metrics = metrics;
        _enabled = enabled;
    }

    /// <summary>The point's name, such as <c>planning_step</c>.</summary>
    public string Name { get; }

    /// <summary>The kind of work it observes.</summary>
    public Modality Modality { get; }

    /// <summary>The component it observes; the name when none was given.</summary>
    public string Target { get; }

    /// <summary>The metrics it records: <see cref="LatencyMetric"/> first, then the declared ones in declaration order.</summary>
    public IReadOnlyList<string> Metrics => _metrics;

    /// <summary>True while the point records: it and its registry are both enabled.</summary>
    public bool IsEnabled => _enabled && Registry.Enabled;

    internal SightRegistry Registry { get; }

    /// <summary>
    /// Opens a measurement; dispose it to publish the observation (<c>using var scope = point.Begin();</c>). An exception
    /// is not seen by a scope: call <see cref="SightScope.Fail"/> or use <see cref="Measure(Action{SightScope}, ProbeHandle?)"/>.
    /// Returns a shared inert scope while the point is disabled.
    /// </summary>
    /// <param name="probe">The probe the work runs under; the observation links to it when it is recording.</param>
    public SightScope Begin(ProbeHandle? probe = null) => IsEnabled ? new SightScope(this, probe) : SightScope.Inert;

    /// <summary>Runs and measures <paramref name="work"/>; an exception escaping it is recorded and rethrown.</summary>
    /// <exception cref="SightThresholdException">The latency breached a fail-closed threshold (after the work succeeded).</exception>
    public void Measure(Action<SightScope> work, ProbeHandle? probe = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!IsEnabled)
        {
            work(SightScope.Inert);
            return;
        }

        var scope = new SightScope(this, probe);
        try
        {
            work(scope);
        }
        catch (Exception e)
        {
            scope.Fail(e);
            scope.Complete();
            throw;
        }

        scope.Complete();
    }

    /// <summary>Runs and measures <paramref name="work"/>, returning its result; an exception is recorded and rethrown.</summary>
    /// <exception cref="SightThresholdException">The latency breached a fail-closed threshold (after the work succeeded).</exception>
    public T Measure<T>(Func<SightScope, T> work, ProbeHandle? probe = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!IsEnabled) return work(SightScope.Inert);
        var scope = new SightScope(this, probe);
        T result;
        try
        {
            result = work(scope);
        }
        catch (Exception e)
        {
            scope.Fail(e);
            scope.Complete();
            throw;
        }

        scope.Complete();
        return result;
    }

    /// <summary>Runs and measures asynchronous <paramref name="work"/> until its task ends; an exception is recorded and rethrown.</summary>
    /// <exception cref="SightThresholdException">The latency breached a fail-closed threshold (after the work succeeded).</exception>
    public async Task MeasureAsync(Func<SightScope, Task> work, ProbeHandle? probe = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!IsEnabled)
        {
            await work(SightScope.Inert).ConfigureAwait(false);
            return;
        }

        var scope = new SightScope(this, probe);
        try
        {
            await work(scope).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            scope.Fail(e);
            scope.Complete();
            throw;
        }

        scope.Complete();
    }

    /// <summary>Runs and measures asynchronous <paramref name="work"/>, returning its result; an exception is recorded and rethrown.</summary>
    /// <exception cref="SightThresholdException">The latency breached a fail-closed threshold (after the work succeeded).</exception>
    public async Task<T> MeasureAsync<T>(Func<SightScope, Task<T>> work, ProbeHandle? probe = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!IsEnabled) return await work(SightScope.Inert).ConfigureAwait(false);
        var scope = new SightScope(this, probe);
        T result;
        try
        {
            result = await work(scope).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            scope.Fail(e);
            scope.Complete();
            throw;
        }

        scope.Complete();
        return result;
    }

    /// <summary>The index of <paramref name="metric"/> in <see cref="Metrics"/>, or -1 when the point does not declare it.</summary>
    public int IndexOf(string metric)
    {
        for (var i = 0; i < _metrics.Length; i++)
        {
            if (string.Equals(_metrics[i], metric, StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    internal void SetEnabled(bool enabled) => _enabled = enabled;
}
