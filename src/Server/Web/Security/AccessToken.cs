using System.Security.Cryptography;
using System.Text;

namespace CodeSight.Server.Web.Security;

/// <summary>The secret a client shows to ingest, run commands, or connect at all when the server is not on loopback.</summary>
internal sealed class AccessToken
{
    private readonly byte[] _bytes;

    public AccessToken(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        _bytes = Encoding.UTF8.GetBytes(value);
    }

    /// <summary>The token text.</summary>
    public string Value { get; }

    /// <summary>A fresh token of 32 random bytes, as 64 lowercase hex characters.</summary>
    public static AccessToken Generate() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Whether <paramref name="candidate"/> is the token; takes the same time wherever the texts differ.</summary>
    public bool Matches(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate)) return false;
        var bytes = Encoding.UTF8.GetBytes(candidate);
        return CryptographicOperations.FixedTimeEquals(bytes, _bytes);
    }
}
