using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;

namespace CodeSight.Engine.Recording;

/// <summary>
/// The face of one in-flight probe. Every method returns at once (it only enqueues a message for the trail's actor)
/// and is safe from any thread. <c>using</c> closes it: <c>Dispose</c> closes with status ok, or error after
/// <see cref="Fail(Exception)"/>. A sampled-out trail hands out <see cref="Noop"/>, whose methods do nothing and whose
/// <see cref="Child"/> returns itself, so a dropped subtree costs nothing.
/// </summary>
public abstract class ProbeHandle : IDisposable
{
    private protected ProbeHandle() { }

    /// <summary>The shared handle of sampled-out trails and of a disabled recorder.</summary>
    public static ProbeHandle Noop { get; } = new NoopProbeHandle();

    /// <summary>False for <see cref="Noop"/>: nothing is recorded through it.</summary>
    public abstract bool IsRecording { get; }

    /// <summary>The probe's id (empty for <see cref="Noop"/>).</summary>
    public abstract ProbeId Id { get; }

    /// <summary>The trail's id (empty for <see cref="Noop"/>).</summary>
    public abstract TrailId TrailId { get; }

    /// <summary>Opens a child probe and returns its handle.</summary>
    public abstract ProbeHandle Child(ProbeKind kind, string name, IReadOnlyDictionary<string, object?>? attributes = null);

    /// <summary>Adds or overwrites attributes (scrubbed by the engine); ignored after close.</summary>
    public abstract void Note(IReadOnlyDictionary<string, object?> attributes);

    /// <summary>Adds or overwrites one attribute without building a dictionary; ignored after close.</summary>
    public abstract void Note(string key, object? value);

    /// <summary>
    /// Adds or overwrites one integral attribute. Unlike <see cref="Note(string, object?)"/> the value is not boxed
    /// at the call site, so a note on <see cref="Noop"/> allocates nothing.
    /// </summary>
    public abstract void Note(string key, long value);

    /// <summary>Adds or overwrites one floating-point attribute; on <see cref="Noop"/> it allocates nothing.</summary>
    public abstract void Note(string key, double value);

    /// <summary>Adds or overwrites one boolean attribute; never allocates.</summary>
    public abstract void Note(string key, bool value);

    /// <summary>Records a failure: the probe will close with status error. Ignored after close.</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Records a failure described by a fault. Ignored after close.</summary>
    public abstract void Fail(ProbeFault fault);

    /// <summary>Closes the probe (idempotent). Null status means ok, or error after a failure.</summary>
    public abstract void Close(ProbeStatus? status = null);

    /// <summary>Closes the probe.</summary>
    public void Dispose() => Close();

    /// <summary>
    /// Runs <paramref name="work"/> in this probe: an exception escaping it is recorded with
    /// <see cref="Fail(Exception)"/> and rethrown; the probe is closed either way.
    /// </summary>
    public void Run(Action<ProbeHandle> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            work(this);
        }
        catch (Exception e)
        {
            Fail(e);
            throw;
        }
        finally
        {
            Close();
        }
    }

    /// <summary>The async form of <see cref="Run(Action{ProbeHandle})"/>, returning the work's result.</summary>
    public async Task<T> RunAsync<T>(Func<ProbeHandle, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work(this).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Fail(e);
            throw;
        }
        finally
        {
            Close();
        }
    }
}
