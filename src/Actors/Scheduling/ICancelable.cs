namespace CodeSight.Actors.Scheduling;

/// <summary>A handle to scheduled work that can be called off.</summary>
public interface ICancelable
{
    /// <summary>Calls the work off; later deliveries do not happen. Safe to call more than once.</summary>
    void Cancel();

    /// <summary>True once <see cref="Cancel"/> was called (or a one-shot item has run).</summary>
    bool IsCancellationRequested { get; }
}
