using CodeSight.Engine.Redaction;

namespace CodeSight.Engine.Tests.Redaction;

public sealed class SecretRedactorValueRuleTests
{
    private const string Scrubbed = SecretRedactor.ScrubbedToken;

    // Fixtures are assembled at run time so that no credential-shaped literal sits in the source.
    private static string Repeat(char c, int count) => new(c, count);

    public static TheoryData<string, string, string> Secrets => new()
    {
        { "authorization-header", "Authorization: Bearer " + "abc.DEF-123_xyz~9", "Authorization: Bearer " + Scrubbed },
        { "authorization-header", "header Basic " + "dXNlcjpwYXNz" + "= end", "header Basic " + Scrubbed + " end" },
        { "dash-key", "key=sk-" + Repeat('A', 24) + " ok", "key=" + Scrubbed + " ok" },
        { "dash-key", "pk-proj-" + Repeat('b', 30), Scrubbed },
        { "github-token", "token ghp_" + Repeat('Z', 36), "token " + Scrubbed },
        { "github-token", "gho_" + Repeat('1', 36) + " and ghs_" + Repeat('2', 40), Scrubbed + " and " + Scrubbed },
        { "github-token", "github_pat_" + Repeat('x', 30), Scrubbed },
        { "aws-access-key", "id AKIA" + "IOSFODNN7EXAMPLE" + ".", "id " + Scrubbed + "." },
        { "jwt", "jwt eyJ" + Repeat('h', 10) + ".eyJ" + Repeat('p', 10) + "." + Repeat('s', 10) + " tail", "jwt " + Scrubbed + " tail" },
        {
            "pem-private-key",
            "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIB" + Repeat('q', 40) + "\n-----END RSA PRIVATE KEY-----\nafter",
            "before\n" + Scrubbed + "\nafter"
        },
        { "slack-token", "xoxb-" + "1234567890-abcdef", Scrubbed },
        { "google-api-key", "AIza" + Repeat('G', 35), Scrubbed },
        { "stripe-key", "sk_live_" + Repeat('4', 24), Scrubbed },
    };

    public static TheoryData<string> Innocent => new()
    {
        "Bearer bonds are a thing",
        "Basic understanding of the problem",
        "we use sk-learn for this",
        "task-" + Repeat('A', 24),
        "ghp_short",
        "AKIA is a prefix",
        "AKIA" + "iosfodnn7example",
        "eyJ alone is not a token",
        "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----",
        "xoxb-short",
        "AIza too short",
        "sk_live_short",
        "plain text with café and 🚀",
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void ReplacesOnlyTheMatchedRun(string rule, string input, string expected)
    {
        Assert.Equal(expected, SecretRedactor.Default.RedactString(input));

        var without = new SecretRedactor(SecretRedactorOptions.CreateDefault().RemoveRule(rule));
        Assert.NotEqual(expected, without.RedactString(input));
    }

    [Theory]
    [MemberData(nameof(Innocent))]
    public void LeavesLookalikesAlone(string input)
    {
        Assert.Same(input, SecretRedactor.Default.RedactString(input));
    }

    [Fact]
    public void CapsLongStringsIncludingTheSuffix()
    {
        var input = Repeat('x', 10_000);

        var output = SecretRedactor.Default.RedactString(input);

        Assert.Equal(SecretRedactor.DefaultMaxStringLength, output.Length);
        Assert.EndsWith(SecretRedactor.TruncationSuffix, output);
    }

    [Fact]
    public void KeepsAStringExactlyAtTheCap()
    {
        var input = Repeat('x', SecretRedactor.DefaultMaxStringLength);

        Assert.Same(input, SecretRedactor.Default.RedactString(input));
    }

    [Fact]
    public void AppliesTheCapAfterScrubbing()
    {
        var secret = "sk-" + Repeat('A', 5000);

        Assert.Equal(Scrubbed, SecretRedactor.Default.RedactString(secret));
    }

    [Fact]
    public void DoesNotSplitASurrogatePairWhenCutting()
    {
        var options = SecretRedactorOptions.CreateEmpty();
        options.MaxStringLength = 30;
        var redactor = new SecretRedactor(options);
        var input = Repeat('x', 7) + string.Concat(Enumerable.Repeat("🚀", 12));

        var output = redactor.RedactString(input);

        Assert.Equal(29, output.Length);
        Assert.Equal(Repeat('x', 7) + SecretRedactor.TruncationSuffix, output);
    }

    [Fact]
    public void CustomRulesCanBeAdded()
    {
        var options = SecretRedactorOptions.CreateEmpty()
            .AddValueRule("ticket", new System.Text.RegularExpressions.Regex(@"TICKET-\d+"), "TICKET-#");

        Assert.Equal("see TICKET-#", new SecretRedactor(options).RedactString("see TICKET-42"));
    }

    [Fact]
    public void RemovingAnUnknownRuleNamesTheRulesThereAre()
    {
        var error = Assert.Throws<ArgumentException>(() => SecretRedactorOptions.CreateDefault().RemoveRule("nope"));

        Assert.Contains("\"nope\"", error.Message);
        Assert.Contains("github-token", error.Message);
    }
}
