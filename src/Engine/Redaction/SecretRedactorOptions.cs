using System.Text.RegularExpressions;

namespace CodeSight.Engine.Redaction;

/// <summary>
/// The rules a <see cref="SecretRedactor"/> applies. Start from <see cref="CreateDefault"/> (or
/// <see cref="CreateEmpty"/>), add or remove rules, then build a redactor; the redactor copies the options,
/// so later changes do not affect it.
/// </summary>
public sealed class SecretRedactorOptions
{
    /// <summary>Key rules: a matching key has its whole value replaced.</summary>
    public List<KeyRule> KeyRules { get; } = [];

    /// <summary>Value rules, applied in order to every string: only the matched run is replaced.</summary>
    public List<ValueRule> ValueRules { get; } = [];

    /// <summary>Keys dropped entirely, compared case-insensitively.</summary>
    public HashSet<string> OmittedKeys { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The longest string kept, counted after value rules and including the truncation suffix
    /// (default 4096); must exceed the suffix length.
    /// </summary>
    public int MaxStringLength { get; set; } = SecretRedactor.DefaultMaxStringLength;

    /// <summary>How many levels of nesting are walked below the top bag (default 16); deeper subtrees become a marker.</summary>
    public int MaxDepth { get; set; } = SecretRedactor.DefaultMaxDepth;

    /// <summary>Options with the built-in key rule and every built-in value rule (names in docs/redaction.md).</summary>
    public static SecretRedactorOptions CreateDefault()
    {
        var options = new SecretRedactorOptions();
        options.KeyRules.Add(new KeyRule("sensitive-key", SecretPatterns.SensitiveKey()));
        options.ValueRules.Add(new ValueRule("pem-private-key", SecretPatterns.PemPrivateKey()));
        options.ValueRules.Add(new ValueRule("authorization-header", SecretPatterns.AuthorizationCredential(), "$1$2" + SecretRedactor.ScrubbedToken));
        options.ValueRules.Add(new ValueRule("jwt", SecretPatterns.Jwt()));
        options.ValueRules.Add(new ValueRule("dash-key", SecretPatterns.DashKey()));
        options.ValueRules.Add(new ValueRule("github-token", SecretPatterns.GitHubToken()));
        options.ValueRules.Add(new ValueRule("aws-access-key", SecretPatterns.AwsAccessKey()));
        options.ValueRules.Add(new ValueRule("slack-token", SecretPatterns.SlackToken()));
        options.ValueRules.Add(new ValueRule("google-api-key", SecretPatterns.GoogleApiKey()));
        options.ValueRules.Add(new ValueRule("stripe-key", SecretPatterns.StripeKey()));
        return options;
    }

    /// <summary>Options with no rules: only the string cap and depth limit apply.</summary>
    public static SecretRedactorOptions CreateEmpty() => new();

    /// <summary>Adds a key rule.</summary>
    public SecretRedactorOptions AddKeyRule(string name, Regex pattern)
    {
        KeyRules.Add(new KeyRule(name, pattern));
        return this;
    }

    /// <summary>Adds a value rule; <paramref name="replacement"/> defaults to the scrubbed token.</summary>
    public SecretRedactorOptions AddValueRule(string name, Regex pattern, string? replacement = null)
    {
        ValueRules.Add(new ValueRule(name, pattern, replacement));
        return this;
    }

    /// <summary>Adds keys to drop entirely.</summary>
    public SecretRedactorOptions Omit(params string[] keys)
    {
        OmittedKeys.UnionWith(keys);
        return this;
    }

    /// <summary>Removes the key or value rule with this name.</summary>
    /// <exception cref="ArgumentException">No rule has that name; the message lists the names there are.</exception>
    public SecretRedactorOptions RemoveRule(string name)
    {
        var removed = KeyRules.RemoveAll(rule => rule.Name == name) + ValueRules.RemoveAll(rule => rule.Name == name);
        if (removed == 0)
        {
            var names = KeyRules.Select(rule => rule.Name).Concat(ValueRules.Select(rule => rule.Name));
            throw new ArgumentException($"No redaction rule is named \"{name}\"; the rules are: {string.Join(", ", names)}.", nameof(name));
        }

        return this;
    }
}
