using System.Security.Cryptography;

namespace CodeSight.Persistence.Merkle;

/// <summary>
/// The hash functions of RFC 9162 section 2.1 over SHA-256. Leaves and interior nodes carry different one-byte
/// prefixes (0x00 and 0x01) so that no leaf can ever be passed off as an interior node (second-preimage attack).
/// </summary>
public static class MerkleHash
{
    /// <summary>Length in bytes of every hash: SHA-256's 32.</summary>
    public const int Size = SHA256.HashSizeInBytes;

    /// <summary>Byte hashed in front of a leaf's payload.</summary>
    public const byte LeafPrefix = 0x00;

    /// <summary>Byte hashed in front of the two child hashes of an interior node.</summary>
    public const byte NodePrefix = 0x01;

    // Payloads up to this size are prefixed on the stack; larger ones borrow a pooled buffer.
    private const int StackPayloadLimit = 1024;

    /// <summary>
    /// Root of the empty tree: SHA-256 of the empty string,
    /// <c>e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855</c>.
    /// </summary>
    public static ReadOnlySpan<byte> EmptyRoot =>
    [
        0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
        0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
    ];

    /// <summary>Leaf hash: SHA-256(0x00 || <paramref name="payload"/>).</summary>
    /// <param name="payload">The leaf's bytes (for the ledger, its canonical JSON).</param>
    public static byte[] Leaf(ReadOnlySpan<byte> payload)
    {
        var hash = new byte[Size];
        Leaf(payload, hash);
        return hash;
    }

    /// <summary>Writes SHA-256(0x00 || <paramref name="payload"/>) into <paramref name="destination"/> without allocating.</summary>
    /// <param name="payload">The leaf's bytes.</param>
    /// <param name="destination">At least <see cref="Size"/> bytes.</param>
    public static void Leaf(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        if (payload.Length >= StackPayloadLimit)
        {
            // Two updates cost less than copying a large payload behind its prefix byte.
            Sha256Hasher.Hash(LeafPrefix, payload, destination);
            return;
        }

        Span<byte> input = stackalloc byte[StackPayloadLimit];
        input[0] = LeafPrefix;
        payload.CopyTo(input[1..]);
        Sha256Hasher.Hash(input[..(payload.Length + 1)], destination);
    }

    /// <summary>Interior node hash: SHA-256(0x01 || <paramref name="left"/> || <paramref name="right"/>).</summary>
    /// <param name="left">Hash of the left subtree (32 bytes).</param>
    /// <param name="right">Hash of the right subtree (32 bytes).</param>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        Node(left, right, hash);
        return hash;
    }

    /// <summary>
    /// Writes SHA-256(0x01 || <paramref name="left"/> || <paramref name="right"/>) into
    /// <paramref name="destination"/>, which may overlap either input.
    /// </summary>
    /// <param name="left">Hash of the left subtree (32 bytes).</param>
    /// <param name="right">Hash of the right subtree (32 bytes).</param>
    /// <param name="destination">At least <see cref="Size"/> bytes.</param>
    /// <exception cref="ArgumentException">A child hash is not 32 bytes long.</exception>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        if (left.Length != Size || right.Length != Size)
        {
            throw new ArgumentException($"Node children must be {Size}-byte hashes; got {left.Length} (left) and {right.Length} (right) bytes.");
        }

        Span<byte> input = stackalloc byte[1 + (2 * Size)];
        input[0] = NodePrefix;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Size)..]);
        Sha256Hasher.Hash(input, destination);
    }
}
