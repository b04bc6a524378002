using System.Security.Cryptography;
using System.Text;
using CodeSight.Persistence.Merkle;

namespace CodeSight.Persistence.Chain;

/// <summary>
/// The ledger's hash chain: chain_0 = SHA-256(ASCII "CODE_SIGHT_GENESIS_BLOCK") and
/// chain_i = SHA-256(chain_{i-1} || leaf_i), where leaf_i is the 32-byte Merkle leaf hash of entry i. Each link
/// commits to the whole history before it, so altering, dropping or reordering any entry changes every later link.
/// </summary>
public static class HashChain
{
    /// <summary>The ASCII text whose SHA-256 seeds the chain.</summary>
    public const string GenesisText = "CODE_SIGHT_GENESIS_BLOCK";

    private static readonly byte[] _genesis = SHA256.HashData(Encoding.ASCII.GetBytes(GenesisText));

    /// <summary>SHA-256(ASCII <see cref="GenesisText"/>): the link before the first entry.</summary>
    public static ReadOnlySpan<byte> Genesis => _genesis;

    /// <summary>The link after <paramref name="previous"/>: SHA-256(previous || leafHash).</summary>
    /// <param name="previous">The previous link (or <see cref="Genesis"/>), 32 bytes.</param>
    /// <param name="leafHash">The new entry's Merkle leaf hash, 32 bytes.</param>
    public static byte[] Next(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> leafHash)
    {
        var link = new byte[SHA256.HashSizeInBytes];
        Next(previous, leafHash, link);
        return link;
    }

    /// <summary>Writes SHA-256(previous || leafHash) into <paramref name="destination"/>, which may overlap either input.</summary>
    /// <param name="previous">The previous link, 32 bytes.</param>
    /// <param name="leafHash">The new entry's Merkle leaf hash, 32 bytes.</param>
    /// <param name="destination">At least 32 bytes.</param>
    /// <exception cref="ArgumentException">An input is not 32 bytes long.</exception>
    public static void Next(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> leafHash, Span<byte> destination)
    {
        if (previous.Length != SHA256.HashSizeInBytes || leafHash.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException(
                $"Chain inputs must be 32-byte hashes; got {previous.Length} (previous link) and {leafHash.Length} (leaf hash) bytes.");
        }

        Span<byte> input = stackalloc byte[2 * SHA256.HashSizeInBytes];
        previous.CopyTo(input);
        leafHash.CopyTo(input[SHA256.HashSizeInBytes..]);
        Sha256Hasher.Hash(input, destination);
    }
}
