using System.Buffers;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Records;

namespace CodeSight.Engine.Sinks;

/// <summary>
/// An append-only NDJSON file of close records (docs/ndjson.md) rotated by size: <c>name.ndjson</c> is the current
/// file, <c>name.1.ndjson</c> the one before, and so on up to <c>keep - 1</c>; older files are deleted. A record never
/// straddles two files. Not thread-safe: <see cref="FileSink"/> owns one on its actor. Opening is lazy and retried
/// after a failure, so a path that becomes writable later starts working without a restart.
/// </summary>
public sealed class RollingNdjsonFile : IDisposable
{
    private const int StreamBufferSize = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private readonly string _directory;
    private readonly string _stem;
    private readonly string _extension;
    private FileStream? _stream;

    /// <summary>Creates the writer; nothing is opened until the first record.</summary>
    /// <param name="path">The current file's path.</param>
    /// <param name="maxBytes">The size a file may reach before the next record goes to a fresh one.</param>
    /// <param name="keep">Files kept, the current one included (1 keeps only the current file).</param>
    /// <exception cref="ArgumentException">An empty path, or a size or count below 1.</exception>
    public RollingNdjsonFile(string path, long maxBytes, int keep)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (maxBytes < 1) throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "The largest file size must be at least 1 byte.");
        if (keep < 1) throw new ArgumentOutOfRangeException(nameof(keep), keep, "At least 1 file (the current one) must be kept.");
        Path = System.IO.Path.GetFullPath(path);
        MaxBytes = maxBytes;
        Keep = keep;
        _directory = System.IO.Path.GetDirectoryName(Path) ?? ".";
        _extension = System.IO.Path.GetExtension(Path);
        _stem = System.IO.Path.GetFileNameWithoutExtension(Path);
    }

    /// <summary>The current file's full path.</summary>
    public string Path { get; }

    /// <summary>The size a file may reach before rotation.</summary>
    public long MaxBytes { get; }

    /// <summary>Files kept, the current one included.</summary>
    public int Keep { get; }

    /// <summary>Bytes in the current file (those written so far, flushed or not).</summary>
    public long Length { get; private set; }

    /// <summary>How many times this writer rotated.</summary>
    public int Rotations { get; private set; }

    /// <summary>The path of file number <paramref name="index"/>: 0 is the current file, 1 the previous one, ...</summary>
    public string PathOf(int index) =>
        index == 0 ? Path : System.IO.Path.Combine(_directory, $"{_stem}.{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}{_extension}");

    /// <summary>Appends the close record of <paramref name="probe"/>.</summary>
    /// <exception cref="IOException">The file cannot be opened, rotated or written; the message names the path.</exception>
    public void Write(Probe probe) => Write(TraceRecord.FromProbe(probe));

    /// <summary>Appends one record and its newline.</summary>
    /// <exception cref="IOException">The file cannot be opened, rotated or written; the message names the path.</exception>
    public void Write(TraceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _line.ResetWrittenCount();
        TraceRecordCodec.WriteLine(_line, record);
        var stream = _stream ?? Open();
        if (Length > 0 && Length + _line.WrittenCount > MaxBytes)
        {
            Rotate();
            stream = _stream ?? Open();
        }

        try
        {
            stream.Write(_line.WrittenSpan);
        }
        catch (IOException e)
        {
            // Drop the stream: the next record reopens the file (a full disk may have been cleared meanwhile).
            Abandon();
            throw new IOException($"Cannot write to the NDJSON file '{Path}': {e.Message}", e);
        }

        Length += _line.WrittenCount;
    }

    /// <summary>Pushes buffered records to the operating system.</summary>
    /// <exception cref="IOException">The flush failed; the message names the path.</exception>
    public void Flush()
    {
        try
        {
            _stream?.Flush();
        }
        catch (IOException e)
        {
            Abandon();
            throw new IOException($"Cannot flush the NDJSON file '{Path}': {e.Message}", e);
        }
    }

    /// <summary>Flushes and closes the current file.</summary>
    public void Dispose()
    {
        var stream = _stream;
        _stream = null;
        stream?.Dispose();
    }

    private FileStream Open()
    {
        try
        {
            Directory.CreateDirectory(_directory);
            // Readers (replay, tail) may open the file while it grows, and rotation by another writer is not ours
            // to prevent: share read, write and delete.
            _stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, StreamBufferSize);
            Length = _stream.Length;
            return _stream;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new IOException($"Cannot open the NDJSON file '{Path}' for appending: {e.Message}", e);
        }
    }

    private void Rotate()
    {
        Dispose();
        try
        {
            // Shift from the oldest down so that no rename lands on a file that still has to move.
            File.Delete(PathOf(Keep - 1));
            for (var i = Keep - 2; i >= 0; i--)
            {
                if (File.Exists(PathOf(i)))
                {
                    File.Move(PathOf(i), PathOf(i + 1), overwrite: true);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot rotate the NDJSON file '{Path}' (keeping {Keep}): {e.Message}", e);
        }

        Length = 0;
        Rotations++;
    }

    private void Abandon()
    {
        try
        {
            _stream?.Dispose();
        }
        catch (IOException)
        {
            // The stream is being dropped because it failed; a second failure while closing adds nothing.
        }

        _stream = null;
    }
}
