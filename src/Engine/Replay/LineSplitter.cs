namespace CodeSight.Engine.Replay;

/// <summary>
/// Splits UTF-8 byte chunks into lines on <c>\n</c> (a trailing <c>\r</c> is dropped). Splitting on bytes
/// is safe across chunk boundaries: 0x0A never occurs inside a multi-byte UTF-8 sequence, so a character
/// cut in two by a chunk boundary is simply carried over with the rest of its line and decoded whole.
/// </summary>
internal sealed class LineSplitter
{
    private byte[] _pending = new byte[256];
    private int _pendingLength;
    private readonly List<ReadOnlyMemory<byte>> _lines = [];

    /// <summary>The number of lines completed so far (the 1-based number of the last line returned).</summary>
    public long LineCount { get; private set; }

    /// <summary>
    /// The lines completed by this chunk. They may point into <paramref name="chunk"/> or into an internal
    /// buffer, so they are valid only until the next call.
    /// </summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Push(ReadOnlyMemory<byte> chunk)
    {
        _lines.Clear();
        var rest = chunk;
        while (true)
        {
            var newline = rest.Span.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Append(rest.Span);
                return _lines;
            }

            if (_pendingLength == 0)
            {
                AddLine(rest[..newline]);
            }
            else
            {
                // The line began in an earlier chunk: finish it in the pending buffer. Later lines of this chunk
                // would overwrite that buffer, so this line gets its own copy.
                Append(rest.Span[..newline]);
                AddLine(_pending.AsSpan(0, _pendingLength).ToArray());
                _pendingLength = 0;
            }

            rest = rest[(newline + 1)..];
        }
    }

    /// <summary>The last line if the input did not end with a newline; empty otherwise.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Finish()
    {
        _lines.Clear();
        if (_pendingLength > 0)
        {
            AddLine(_pending.AsMemory(0, _pendingLength));
            _pendingLength = 0;
        }

        return _lines;
    }

    private void AddLine(ReadOnlyMemory<byte> line)
    {
        if (!line.IsEmpty && line.Span[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        LineCount++;
        if (LineCount == 1 && line.Span.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        _lines.Add(line);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_pendingLength + bytes.Length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _pendingLength + bytes.Length));
        }

        bytes.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += bytes.Length;
    }
}
