using System.Buffers;
using CodeSight.Actors;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Records;

namespace CodeSight.Engine.Sinks;

/// <summary>
/// Writes one NDJSON close record per closed probe to any <see cref="Stream"/> (a pipe, a socket, a
/// <see cref="MemoryStream"/> in tests). Runs on the blocking-I/O dispatcher with the sinks' bounded mailbox.
/// </summary>
public sealed class StreamSink : SinkActor
{
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private readonly Stream _stream;
    private readonly bool _leaveOpen;

    private StreamSink(Stream stream, bool leaveOpen, FlushPolicy flush, SinkCounters counters)
        : base("stream", counters, flush)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Props for a stream sink.</summary>
    /// <param name="stream">A writable stream; the sink is its only writer.</param>
    /// <param name="flush">When to flush; default every record.</param>
    /// <param name="leaveOpen">False to dispose the stream when the sink stops.</param>
    /// <param name="counters">Counters to share, if the caller wants to read them directly.</param>
    /// <exception cref="ArgumentException">The stream is not writable.</exception>
    public static Props Props(Stream stream, FlushPolicy? flush = null, bool leaveOpen = true, SinkCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("The stream given to StreamSink is not writable.", nameof(stream));
        var policy = flush ?? FlushPolicy.EveryRecord;
        var shared = counters ?? new SinkCounters();
        return CodeSight.Actors.Props.Create(() => new StreamSink(stream, leaveOpen, policy, shared))
            .WithDispatcher(ActorSystemSettings.BlockingIoDispatcherId)
            .WithMailbox(SinkSettings.MailboxId);
    }

    /// <inheritdoc />
    protected override void Write(Probe probe)
    {
        _line.ResetWrittenCount();
        TraceRecordCodec.WriteLine(_line, probe);
        _stream.Write(_line.WrittenSpan);
    }

    /// <inheritdoc />
    protected override void FlushOutput() => _stream.Flush();

    /// <inheritdoc />
    protected override void CloseOutput()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
