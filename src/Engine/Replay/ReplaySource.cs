using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace CodeSight.Engine.Replay;

/// <summary>
/// Where NDJSON comes from: a file, a stream, or an asynchronous sequence of byte or text chunks. Chunks may
/// split a line, or a multi-byte UTF-8 character, anywhere.
/// </summary>
public sealed class ReplaySource
{
    private const int BufferSize = 64 * 1024;

    private readonly Func<CancellationToken, IAsyncEnumerable<ReadOnlyMemory<byte>>> _open;

    private ReplaySource(string description, Func<CancellationToken, IAsyncEnumerable<ReadOnlyMemory<byte>>> open)
    {
        Description = description;
        _open = open;
    }

    /// <summary>What the source reads, for messages.</summary>
    public string Description { get; }

    /// <summary>Reads a file; it is opened when replay starts and closed when it ends.</summary>
    public static ReplaySource FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new ReplaySource($"file {path}", token => ReadFile(path, token));
    }

    /// <summary>Reads a stream from its current position to its end.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <param name="leaveOpen">False to dispose the stream when replay ends.</param>
    public static ReplaySource FromStream(Stream stream, bool leaveOpen = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream is not readable.", nameof(stream));
        }

        return new ReplaySource("stream", token => ReadStream(stream, leaveOpen, token));
    }

    /// <summary>
    /// Reads UTF-8 byte chunks. Each chunk is fully consumed before the next is requested, so a producer may
    /// reuse its buffer.
    /// </summary>
    public static ReplaySource FromChunks(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return new ReplaySource("byte chunks", token => WithCancellation(chunks, token));
    }

    /// <summary>Reads text chunks; a surrogate pair split between two chunks is joined back.</summary>
    public static ReplaySource FromText(IAsyncEnumerable<string> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return new ReplaySource("text chunks", token => EncodeText(chunks, token));
    }

    internal IAsyncEnumerable<ReadOnlyMemory<byte>> Open(CancellationToken cancellationToken) => _open(cancellationToken);

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> WithCancellation(
        IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadFile(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await foreach (var chunk in ReadStream(stream, leaveOpen: false, cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadStream(
        Stream stream, bool leaveOpen, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                yield return buffer.AsMemory(0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!leaveOpen)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> EncodeText(
        IAsyncEnumerable<string> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One encoder for the whole sequence: with flush=false it holds a dangling high surrogate until the
        // next chunk brings its low half, instead of writing U+FFFD.
        var encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetEncoder();
        byte[] buffer = [];
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrEmpty(chunk))
            {
                continue;
            }

            var needed = encoder.GetByteCount(chunk, flush: false);
            if (buffer.Length < needed)
            {
                buffer = new byte[Math.Max(needed, 4096)];
            }

            var written = encoder.GetBytes(chunk, buffer, flush: false);
            yield return buffer.AsMemory(0, written);
        }

        // A text that ends inside a surrogate pair: flushing writes the replacement char for the lone half.
        var tail = new byte[8];
        var tailLength = encoder.GetBytes([], tail, flush: true);
        if (tailLength > 0)
        {
            yield return tail.AsMemory(0, tailLength);
        }
    }
}
