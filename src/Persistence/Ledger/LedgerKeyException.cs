namespace CodeSight.Persistence.Ledger;

/// <summary>A checkpoint signing or verification key could not be loaded; the message names the file and the problem.</summary>
public sealed class LedgerKeyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The key file.</param>
    /// <param name="message">What is wrong with it.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public LedgerKeyException(string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The key file that failed to load.</summary>
    public string Path { get; }
}
