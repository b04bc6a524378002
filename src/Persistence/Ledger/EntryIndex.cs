using CodeSight.Contracts.Ids;

namespace CodeSight.Persistence.Ledger;

/// <summary>The query columns stored beside an entry's hashes: a copy of fields inside its payload, for indexed lookups.</summary>
internal readonly record struct EntryIndex(string Kind, TrailId? Trail, string? Modality, long Timestamp);
