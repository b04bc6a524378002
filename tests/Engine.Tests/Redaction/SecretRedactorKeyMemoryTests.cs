using CodeSight.Engine.Redaction;

namespace CodeSight.Engine.Tests.Redaction;

/// <summary>The redactor remembers key verdicts; remembering must never change a verdict.</summary>
public sealed class SecretRedactorKeyMemoryTests
{
    [Fact]
    public void ARepeatedKeyGetsTheSameVerdictEveryTime()
    {
        var redactor = new SecretRedactor(SecretRedactorOptions.CreateDefault());
        for (var i = 0; i < 3; i++)
        {
            var bag = redactor.Redact(new Dictionary<string, object?> { ["apiKey"] = "v", ["token_count"] = 3 });
            Assert.Equal(SecretRedactor.ScrubbedToken, bag["apiKey"]);
            Assert.Equal(3, bag["token_count"]);
        }
    }

    [Fact]
    public void KeysBeyondTheRememberedOnesAreStillChecked()
    {
        var redactor = new SecretRedactor(SecretRedactorOptions.CreateDefault());
        for (var i = 0; i < 5000; i++)
        {
            var bag = redactor.Redact(new Dictionary<string, object?> { [$"field_{i}"] = "v", [$"x{i}_password"] = "p" });
            Assert.Equal("v", bag[$"field_{i}"]);
            Assert.Equal(SecretRedactor.ScrubbedToken, bag[$"x{i}_password"]);
        }
    }
}
