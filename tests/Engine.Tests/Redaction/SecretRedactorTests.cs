using CodeSight.Contracts.Probes;
using CodeSight.Engine.Redaction;

namespace CodeSight.Engine.Tests.Redaction;

public sealed class SecretRedactorTests
{
    private const string Scrubbed = SecretRedactor.ScrubbedToken;

    [Theory]
    [InlineData("password")]
    [InlineData("Password")]
    [InlineData("db_password_hash")]
    [InlineData("secret")]
    [InlineData("client_secret")]
    [InlineData("access_token")]
    [InlineData("accessToken")]
    [InlineData("api_key")]
    [InlineData("apiKey")]
    [InlineData("APIKey")]
    [InlineData("X-Api-Key")]
    [InlineData("Authorization")]
    [InlineData("cookie")]
    [InlineData("Set-Cookie")]
    [InlineData("aws_credentials")]
    [InlineData("private_key")]
    [InlineData("privateKey")]
    [InlineData("SESSION_ID")]
    public void ScrubsTheWholeValueOfASensitiveKey(string key)
    {
        var bag = new Dictionary<string, object?> { [key] = new Dictionary<string, object?> { ["nested"] = "x" }, ["keep"] = 1 };

        var output = SecretRedactor.Default.Redact(bag);

        Assert.Equal(Scrubbed, output[key]);
        Assert.Equal(1, output["keep"]);
    }

    [Theory]
    [InlineData("token_count")]
    [InlineData("max_tokens")]
    [InlineData("tokenizer")]
    [InlineData("author")]
    [InlineData("keyboard")]
    [InlineData("secretary_name")]
    [InlineData("passage")]
    public void LeavesKeysThatOnlyLookSensitive(string key)
    {
        var bag = new Dictionary<string, object?> { [key] = "visible" };

        Assert.Same(bag, SecretRedactor.Default.Redact(bag));
    }

    [Fact]
    public void ReturnsTheSameInstanceWithoutAllocatingWhenNothingChanges()
    {
        var bag = new Dictionary<string, object?>
        {
            ["path"] = "/etc/hosts",
            ["bytes"] = 1234L,
            ["ok"] = true,
            ["nested"] = new Dictionary<string, object?> { ["list"] = new List<object?> { "a", 2.5 } },
        };
        SecretRedactor.Default.Redact(bag);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var output = SecretRedactor.Default.Redact(bag);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Same(bag, output);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void CopiesOnlyWhenSomethingChangesAndLeavesTheInputIntact()
    {
        var nested = new Dictionary<string, object?> { ["auth"] = "Bearer abcdefghijkl" };
        var bag = new Dictionary<string, object?> { ["a"] = 1, ["nested"] = nested, ["z"] = "Bearer abcdefghijkl" };

        var output = SecretRedactor.Default.Redact(bag);

        Assert.NotSame(bag, output);
        Assert.Equal(["a", "nested", "z"], output.Keys);
        Assert.Equal(Scrubbed, ((IReadOnlyDictionary<string, object?>)output["nested"]!)["auth"]);
        Assert.Equal("Bearer " + Scrubbed, output["z"]);
        Assert.Equal("Bearer abcdefghijkl", nested["auth"]);
        Assert.Equal("Bearer abcdefghijkl", bag["z"]);
    }

    [Fact]
    public void ScrubsInsideListsAndArrays()
    {
        var bag = new Dictionary<string, object?>
        {
            ["headers"] = new object?[] { "Accept: */*", "Authorization: Bearer abcdefghijkl" },
            ["numbers"] = new[] { 1, 2, 3 },
        };

        var output = SecretRedactor.Default.Redact(bag);

        var headers = Assert.IsAssignableFrom<IList<object?>>(output["headers"]);
        Assert.Equal("Accept: */*", headers[0]);
        Assert.Equal("Authorization: Bearer " + Scrubbed, headers[1]);
        Assert.Same(bag["numbers"], output["numbers"]);
    }

    [Fact]
    public void DropsOmittedKeysCaseInsensitively()
    {
        var redactor = new SecretRedactor(SecretRedactorOptions.CreateDefault().Omit("debug_dump"));
        var bag = new Dictionary<string, object?> { ["Debug_Dump"] = "huge", ["keep"] = "x" };

        var output = redactor.Redact(bag);

        Assert.Equal(["keep"], output.Keys);
    }

    [Fact]
    public void TurnsACycleIntoAMarker()
    {
        var bag = new Dictionary<string, object?> { ["name"] = "loop" };
        var inner = new Dictionary<string, object?> { ["back"] = bag };
        bag["inner"] = inner;

        var output = SecretRedactor.Default.Redact(bag);

        var innerOut = (IReadOnlyDictionary<string, object?>)output["inner"]!;
        var backOut = (IReadOnlyDictionary<string, object?>)innerOut["back"]!;
        Assert.Equal(SecretRedactor.CycleMarker, backOut["inner"]);
    }

    [Fact]
    public void TurnsATooDeepSubtreeIntoAMarkerWithoutOverflowing()
    {
        IReadOnlyDictionary<string, object?> bag = new Dictionary<string, object?> { ["leaf"] = "x" };
        for (var i = 0; i < 100_000; i++)
        {
            bag = new Dictionary<string, object?> { ["down"] = bag };
        }

        var output = SecretRedactor.Default.Redact(bag);

        var level = output;
        var depth = 0;
        while (level["down"] is IReadOnlyDictionary<string, object?> next)
        {
            level = next;
            depth++;
        }

        Assert.Equal(SecretRedactor.TooDeepMarker, level["down"]);
        Assert.Equal(SecretRedactor.DefaultMaxDepth, depth);
    }

    [Fact]
    public void PassThroughChangesNothing()
    {
        var bag = new Dictionary<string, object?> { ["password"] = "hunter2", ["text"] = new string('x', 10_000) };

        Assert.Same(bag, SecretRedactor.PassThrough.Redact(bag));
        Assert.False(SecretRedactor.PassThrough.IsEnabled);
        Assert.True(SecretRedactor.Default.IsEnabled);
    }

    [Fact]
    public void ReturnsTheSharedEmptyBagAsIs()
    {
        Assert.Same(ProbeAttributes.Empty, SecretRedactor.Default.Redact(ProbeAttributes.Empty));
    }

    [Fact]
    public void RejectsACapShorterThanTheSuffix()
    {
        var options = SecretRedactorOptions.CreateDefault();
        options.MaxStringLength = 10;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SecretRedactor(options));

        Assert.Contains("MaxStringLength", error.Message);
    }
}
