using System.Text.RegularExpressions;

namespace CodeSight.Engine.Redaction;

/// <summary>
/// A rule on string values: every match of <see cref="Pattern"/> is replaced by <see cref="Replacement"/>,
/// leaving the rest of the string intact.
/// </summary>
/// <param name="Name">A name for the rule, used to remove it from the options.</param>
/// <param name="Pattern">The credential shape to find.</param>
/// <param name="Replacement">
/// The replacement, in <see cref="Regex.Replace(string, string)"/> syntax (so <c>$1</c> can keep a prefix such
/// as an authorization scheme); <see cref="SecretRedactor.ScrubbedToken"/> when null.
/// </param>
public sealed record ValueRule(string Name, Regex Pattern, string? Replacement = null);
