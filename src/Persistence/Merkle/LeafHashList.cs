namespace CodeSight.Persistence.Merkle;

/// <summary>An in-memory, growable <see cref="ILeafHashSource"/> that stores hashes back to back in one array.</summary>
public sealed class LeafHashList : ILeafHashSource
{
    private byte[] _hashes;
    private long _count;

    /// <summary>Creates an empty list with room for <paramref name="capacity"/> leaves before it grows.</summary>
    /// <param name="capacity">Initial capacity in leaves.</param>
    public LeafHashList(int capacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _hashes = new byte[Math.Max(1, capacity) * MerkleHash.Size];
    }

    /// <inheritdoc />
    public long Count => _count;

    /// <summary>Appends a leaf hash (already computed with <see cref="MerkleHash.Leaf(ReadOnlySpan{byte})"/>).</summary>
    /// <param name="leafHash">Exactly 32 bytes.</param>
    /// <exception cref="ArgumentException">The hash is not 32 bytes long.</exception>
    public void Add(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException($"Leaf hash {_count} must be {MerkleHash.Size} bytes, not {leafHash.Length}.", nameof(leafHash));
        }

        long needed = (_count + 1) * MerkleHash.Size;
        if (needed > _hashes.Length)
        {
            Array.Resize(ref _hashes, (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_hashes.Length * 2)));
        }

        leafHash.CopyTo(_hashes.AsSpan((int)(_count * MerkleHash.Size)));
        _count++;
    }

    /// <summary>Hashes <paramref name="payload"/> as a leaf and appends the hash.</summary>
    /// <param name="payload">The leaf's bytes.</param>
    public void AddPayload(ReadOnlySpan<byte> payload)
    {
        Span<byte> hash = stackalloc byte[MerkleHash.Size];
        MerkleHash.Leaf(payload, hash);
        Add(hash);
    }

    /// <inheritdoc />
    public void CopyLeafHash(long index, Span<byte> destination)
    {
        if (index < 0 || index >= _count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Leaf index must be in [0, {_count}).");
        }

        _hashes.AsSpan((int)(index * MerkleHash.Size), MerkleHash.Size).CopyTo(destination);
    }
}
