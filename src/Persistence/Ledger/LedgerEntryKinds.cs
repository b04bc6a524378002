namespace CodeSight.Persistence.Ledger;

/// <summary>The values of an entry's <c>kind</c> member, which say what the entry records.</summary>
public static class LedgerEntryKinds
{
    /// <summary>An <see cref="Contracts.Observations.Observation"/> published on the event stream.</summary>
    public const string Observation = "observation";

    /// <summary>A closed probe, recorded as its NDJSON close record.</summary>
    public const string Probe = "probe";
}
