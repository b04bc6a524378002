using System.Security.Cryptography;

namespace CodeSight.Persistence.Ledger;

/// <summary>Loads and checks the ECDSA P-256 keys that sign and verify ledger checkpoints.</summary>
public static class LedgerSigningKey
{
    /// <summary>Reads a P-256 private key from a PEM file (<c>EC PRIVATE KEY</c> or PKCS#8 <c>PRIVATE KEY</c>).</summary>
    /// <param name="path">The PEM file.</param>
    /// <exception cref="LedgerKeyException">The file is missing, unreadable, not PEM, or not a P-256 private key.</exception>
    public static ECDsa LoadPrivateKey(string path) => Load(path, requirePrivate: true);

    /// <summary>Reads a P-256 public key from a PEM file (<c>PUBLIC KEY</c>), to check signatures against.</summary>
    /// <param name="path">The PEM file.</param>
    /// <exception cref="LedgerKeyException">The file is missing, unreadable, not PEM, or not a P-256 key.</exception>
    public static ECDsa LoadPublicKey(string path) => Load(path, requirePrivate: false);

    private static ECDsa Load(string path, bool requirePrivate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new LedgerKeyException(path, $"Ledger signing key '{path}' cannot be read: {exception.Message}", exception);
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(text);
        }
        catch (ArgumentException exception)
        {
            key.Dispose();
            throw new LedgerKeyException(path, $"Ledger signing key '{path}' holds no PEM-encoded EC key: {exception.Message}", exception);
        }
        catch (CryptographicException exception)
        {
            key.Dispose();
            throw new LedgerKeyException(path, $"Ledger signing key '{path}' is not a valid EC key: {exception.Message}", exception);
        }

        ECParameters parameters = key.ExportParameters(includePrivateParameters: false);
        if (parameters.Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            key.Dispose();
            throw new LedgerKeyException(
                path,
                $"Ledger signing key '{path}' is on curve {parameters.Curve.Oid?.FriendlyName ?? parameters.Curve.Oid?.Value ?? "(unnamed)"}; checkpoints are signed with P-256 (prime256v1).");
        }

        if (requirePrivate)
        {
            try
            {
                _ = key.ExportParameters(includePrivateParameters: true);
            }
            catch (CryptographicException exception)
            {
                key.Dispose();
                throw new LedgerKeyException(path, $"Ledger signing key '{path}' holds a public key only; signing needs the private key.", exception);
            }
        }

        return key;
    }
}
