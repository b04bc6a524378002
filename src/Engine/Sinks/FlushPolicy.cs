namespace CodeSight.Engine.Sinks;

/// <summary>
/// When a sink pushes written records to its output: after every <see cref="EveryRecords"/> records, or when
/// <see cref="Interval"/> has passed with records pending, whichever comes first — and always when the sink stops.
/// Zero turns either trigger off.
/// </summary>
public readonly record struct FlushPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="everyRecords">Flush after this many records; 0 for no count trigger.</param>
    /// <param name="interval">Flush at this interval while records are pending; zero for no timer.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative count or interval.</exception>
    public FlushPolicy(int everyRecords, TimeSpan interval)
    {
        if (everyRecords < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(everyRecords), everyRecords, "The flush record count must be 0 (off) or more.");
        }

        if (interval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The flush interval must be zero (off) or more.");
        }

        EveryRecords = everyRecords;
        Interval = interval;
    }

    /// <summary>Flush after every record: nothing is lost if the process dies, at the cost of one write call per record.</summary>
    public static FlushPolicy EveryRecord { get; } = new(1, TimeSpan.Zero);

    /// <summary>Flush only when the sink stops or is told <see cref="FlushSink"/>.</summary>
    public static FlushPolicy OnStopOnly { get; } = new(0, TimeSpan.Zero);

    /// <summary>Flush after every <paramref name="records"/> records.</summary>
    public static FlushPolicy Every(int records) => new(records, TimeSpan.Zero);

    /// <summary>Flush at most <paramref name="interval"/> after a record was written.</summary>
    public static FlushPolicy Periodic(TimeSpan interval) => new(0, interval);

    /// <summary>Records between count-triggered flushes; 0 when off.</summary>
    public int EveryRecords { get; }

    /// <summary>The timer's interval; zero when off.</summary>
    public TimeSpan Interval { get; }
}
