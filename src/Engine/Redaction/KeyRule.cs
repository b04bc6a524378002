using System.Text.RegularExpressions;

namespace CodeSight.Engine.Redaction;

/// <summary>
/// A rule on attribute keys: when it matches, the key's whole value (a subtree, if nested) is replaced by
/// <see cref="SecretRedactor.ScrubbedToken"/>. The pattern sees the key <em>normalized</em>: lowercased, with
/// words split at camelCase boundaries and every run of other characters turned into one <c>_</c>
/// (<c>X-Api-Key</c>, <c>apiKey</c> and <c>api_key</c> all read <c>x_api_key</c>/<c>api_key</c>).
/// </summary>
/// <param name="Name">A name for the rule, used to remove it from the options.</param>
/// <param name="Pattern">The pattern, matched against the normalized key.</param>
public sealed record KeyRule(string Name, Regex Pattern);
