using System.Text.RegularExpressions;

namespace CodeSight.Engine.Redaction;

/// <summary>The built-in rules, compiled at build time.</summary>
internal static partial class SecretPatterns
{
    // Matched against normalized keys (lowercase words joined by '_'). "password"/"passwd" anywhere as a word;
    // the other terms only as the key's last word(s), so token_count, max_tokens or author stay visible.
    [GeneratedRegex(
        @"(?:^|_)(?:password|passwd)(?:_|$)"
        + @"|(?:^|_)(?:pwd|passphrase|secret|token|api_?key|apikey|access_?key|private_?key|auth|authorization|cookie|cookies|set_cookie|credential|credentials|session_?id|sessionid|signature)$",
        RegexOptions.CultureInvariant)]
    public static partial Regex SensitiveKey();

    // "Bearer x" and "Basic x": the scheme is kept, the credential replaced. Basic needs a digit, '+', '/' or
    // '=' in its base64 so that prose such as "Basic understanding" is left alone.
    [GeneratedRegex(@"\b((?i:bearer)\s+)[A-Za-z0-9\-._~+/]{8,}=*|\b((?i:basic)\s+)(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{8,}={0,2}", RegexOptions.CultureInvariant)]
    public static partial Regex AuthorizationCredential();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:sk|pk)-(?:proj-|live-|test-|ant-)?[A-Za-z0-9_\-]{20,}", RegexOptions.CultureInvariant)]
    public static partial Regex DashKey();

    [GeneratedRegex(@"\b(?:ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{36,}|\bgithub_pat_[A-Za-z0-9_]{22,}", RegexOptions.CultureInvariant)]
    public static partial Regex GitHubToken();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", RegexOptions.CultureInvariant)]
    public static partial Regex AwsAccessKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}", RegexOptions.CultureInvariant)]
    public static partial Regex Jwt();

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----", RegexOptions.CultureInvariant)]
    public static partial Regex PemPrivateKey();

    [GeneratedRegex(@"\bxox[abposr]-[A-Za-z0-9\-]{10,}", RegexOptions.CultureInvariant)]
    public static partial Regex SlackToken();

    [GeneratedRegex(@"\bAIza[0-9A-Za-z_\-]{35}", RegexOptions.CultureInvariant)]
    public static partial Regex GoogleApiKey();

    [GeneratedRegex(@"\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}", RegexOptions.CultureInvariant)]
    public static partial Regex StripeKey();
}
