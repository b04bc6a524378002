namespace CodeSight.Persistence.Merkle;

/// <summary>
/// An append-only sequence of leaf hashes that a <see cref="MerkleTree"/> reads from: an in-memory list
/// (<see cref="LeafHashList"/>) or, later, the ledger's SQLite table.
/// </summary>
public interface ILeafHashSource
{
    /// <summary>Number of leaves currently held.</summary>
    long Count { get; }

    /// <summary>Copies the 32-byte hash of leaf <paramref name="index"/> into <paramref name="destination"/>.</summary>
    /// <param name="index">Zero-based leaf index, below <see cref="Count"/>.</param>
    /// <param name="destination">At least <see cref="MerkleHash.Size"/> bytes.</param>
    void CopyLeafHash(long index, Span<byte> destination);
}
