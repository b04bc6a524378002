namespace CodeSight.Engine.Tests.Support;

/// <summary>Async chunk sources for replay tests; they complete synchronously, so no test needs a scheduler.</summary>
public static class Chunks
{
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> Bytes(byte[] data, IReadOnlyList<int> sizes)
    {
        var at = 0;
        var i = 0;
        // The buffer is reused between chunks, as a socket reader would, to prove replay copies what it keeps.
        var buffer = new byte[Math.Max(1, sizes.Count == 0 ? data.Length : sizes.Max())];
        while (at < data.Length)
        {
            var size = Math.Min(sizes.Count == 0 ? data.Length : Math.Max(1, sizes[i++ % sizes.Count]), data.Length - at);
            if (buffer.Length < size)
            {
                buffer = new byte[size];
            }

            data.AsSpan(at, size).CopyTo(buffer);
            Array.Fill(buffer, (byte)0xFF, size, buffer.Length - size);
            at += size;
            yield return buffer.AsMemory(0, size);
        }

        await Task.CompletedTask;
    }

    public static async IAsyncEnumerable<string> Text(IEnumerable<string> parts)
    {
        foreach (var part in parts)
        {
            yield return part;
        }

        await Task.CompletedTask;
    }
}
