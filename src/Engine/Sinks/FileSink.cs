using CodeSight.Actors;
using CodeSight.Contracts.Probes;

namespace CodeSight.Engine.Sinks;

/// <summary>
/// Writes one NDJSON close record per closed probe to a size-rotated file (<see cref="RollingNdjsonFile"/>). Runs on
/// the kernel's blocking-I/O dispatcher with the sinks' bounded mailbox, so a slow disk costs dropped signals (counted)
/// rather than a slower engine. An unwritable path is reported as a <c>LogEvent</c> and each lost record counted in
/// <see cref="SinkCounters.Errors"/>; the file is retried with the next record.
/// </summary>
public sealed class FileSink : SinkActor
{
    private readonly RollingNdjsonFile _file;

    private FileSink(FileSinkOptions options, SinkCounters counters)
        : base("file", counters, options.Flush)
    {
        _file = new RollingNdjsonFile(options.Path, options.MaxBytes, options.Keep);
    }

    /// <summary>Props for a file sink; its counters are also handed to <paramref name="counters"/> when given.</summary>
    /// <exception cref="ArgumentException">The options hold a size or count below 1.</exception>
    public static Props Props(FileSinkOptions options, SinkCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Fail here, on the caller's thread, rather than inside the actor's constructor.
        _ = new RollingNdjsonFile(options.Path, options.MaxBytes, options.Keep);
        var shared = counters ?? new SinkCounters();
        return CodeSight.Actors.Props.Create(() => new FileSink(options, shared))
            .WithDispatcher(ActorSystemSettings.BlockingIoDispatcherId)
            .WithMailbox(SinkSettings.MailboxId);
    }

    /// <inheritdoc />
    protected override void Write(Probe probe) => _file.Write(probe);

    /// <inheritdoc />
    protected override void FlushOutput() => _file.Flush();

    /// <inheritdoc />
    protected override void CloseOutput() => _file.Dispose();
}
