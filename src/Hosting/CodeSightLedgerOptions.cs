namespace CodeSight.Hosting;

/// <summary>The ledger part of <see cref="CodeSightOptions"/>; null properties keep the HOCON settings.</summary>
public sealed class CodeSightLedgerOptions
{
    /// <summary>Whether the host starts the ledger (<c>codesight.hosting.ledger</c>, off by default).</summary>
    public bool? Enabled { get; set; }

    /// <summary>The SQLite file; its folder must exist (<c>codesight.ledger.path</c>).</summary>
    public string? Path { get; set; }

    /// <summary><c>normal</c> or <c>full</c> (<c>codesight.ledger.synchronous</c>).</summary>
    public string? Synchronous { get; set; }
}
