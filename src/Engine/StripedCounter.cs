using System.Runtime.InteropServices;

namespace CodeSight.Engine;

/// <summary>
/// A counter that many threads can bump on a hot path without fighting over one cache line: each core adds to its
/// own padded cell and <see cref="Value"/> sums them.
/// </summary>
public sealed class StripedCounter
{
    private readonly Cell[] _cells = new Cell[Math.Max(1, Environment.ProcessorCount) * 2];

    /// <summary>Adds one.</summary>
    public void Increment() => Interlocked.Increment(ref _cells[(Thread.GetCurrentProcessorId() & int.MaxValue) % _cells.Length].Value);

    /// <summary>Adds <paramref name="amount"/>.</summary>
    public void Add(long amount) => Interlocked.Add(ref _cells[(Thread.GetCurrentProcessorId() & int.MaxValue) % _cells.Length].Value, amount);

    /// <summary>The current total.</summary>
    public long Value
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < _cells.Length; i++) sum += Interlocked.Read(ref _cells[i].Value);
            return sum;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Cell
    {
        [FieldOffset(64)] public long Value;
    }
}
