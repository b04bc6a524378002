namespace CodeSight.Server.Tests.Support;

/// <summary>
/// A fact that needs Debian's chromium. Without a browser it is skipped with the reason, except on CI (the variable
/// <c>CI</c> is set), where a missing browser must fail the build rather than quietly skip the dashboard tests.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = $"No browser at {ChromiumPath} (install Debian's chromium to run the dashboard tests; on CI they fail instead).";
        }
    }
}
