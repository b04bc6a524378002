using System.Collections;

namespace CodeSight.Engine.Sinks;

/// <summary>
/// An append-only list kept in fixed chunks, for a sink that keeps everything it receives. Unlike a
/// <see cref="List{T}"/> it never copies what it holds and never asks for one large array: a list of a million
/// entries doubles into arrays on the large-object heap, which are zeroed, faulted in page by page and count towards
/// full collections. A snapshot is a view of the first <c>Count</c> entries that costs one small array: entries are
/// never changed once added, so it stays valid while the log grows. One writer; snapshots may be read anywhere once
/// handed over (a message send orders the writes before the reads).
/// </summary>
internal sealed class AppendOnlyLog<T>
{
    // 4,096 references are 32 KiB: well below the large-object threshold (85,000 bytes).
    private const int ChunkShift = 12;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private T[][] _chunks = new T[4][];
    private int _count;

    public int Count => _count;

    public void Add(T item)
    {
        var chunk = _count >> ChunkShift;
        if (chunk == _chunks.Length) Array.Resize(ref _chunks, _chunks.Length * 2);
        (_chunks[chunk] ??= new T[ChunkSize])[_count & ChunkMask] = item;
        _count++;
    }

    /// <summary>The entries added so far, as a read-only list that later additions do not change.</summary>
    public IReadOnlyList<T> Snapshot() => new View((T[][])_chunks.Clone(), _count);

    private sealed class View(T[][] chunks, int count) : IReadOnlyList<T>
    {
        public int Count => count;

        public T this[int index]
        {
            get
            {
                if ((uint)index >= (uint)count) throw new ArgumentOutOfRangeException(nameof(index), index, $"The snapshot holds {count} entries.");
                return chunks[index >> ChunkShift][index & ChunkMask];
            }
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < count; i++) yield return chunks[i >> ChunkShift][i & ChunkMask];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
