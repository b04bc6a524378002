namespace CodeSight.Engine.Recording;

/// <summary>
/// The scope of <see cref="AmbientProbe.MakeCurrent"/>: disposing it puts back the probe that was current before.
/// Scopes nest; dispose them in reverse order of entry, as <c>using</c> does.
/// </summary>
public readonly struct AmbientProbeScope : IDisposable
{
    private readonly ProbeHandle? _previous;
    private readonly bool _entered;

    internal AmbientProbeScope(ProbeHandle? previous)
    {
        _previous = previous;
        _entered = true;
    }

    /// <summary>Restores the previous current probe; a default-constructed scope does nothing.</summary>
    public void Dispose()
    {
        if (_entered) AmbientProbe.Restore(_previous);
    }
}
