using CodeSight.Packaging.Tests.Support;

namespace CodeSight.Packaging.Tests;

/// <summary>The README's "Embed it" excerpts are cut from the compiled samples and cannot drift from them.</summary>
public sealed class ReadmeExcerptTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));

    [Fact]
    public void EveryMarkedReadmeBlockEqualsTheSampleRegionItNames()
    {
        var excerpts = ReadmeExcerpt.Parse(Readme);
        Assert.NotEmpty(excerpts);
        foreach (var excerpt in excerpts)
        {
            var source = Path.Combine(RepositoryRoot.Path, excerpt.SourcePath);
            Assert.True(File.Exists(source), $"README.md:{excerpt.Line} names {excerpt.SourcePath}, which does not exist");
            var region = ReadmeExcerpt.Cut(File.ReadAllText(source), excerpt.Region, excerpt.SourcePath);
            Assert.True(region == excerpt.Code,
                $"README.md:{excerpt.Line}: the block differs from {excerpt.SourcePath}#{excerpt.Region}; the region reads:\n{region}");
        }
    }

    [Fact]
    public void EveryRegionMarkedInTheSamplesIsShownInTheReadme()
    {
        var samples = Path.Combine(RepositoryRoot.Path, "samples");
        var shown = ReadmeExcerpt.Parse(Readme).Select(e => $"{e.SourcePath}#{e.Region}").ToHashSet(StringComparer.Ordinal);
        var marked = Directory.EnumerateFiles(samples, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            .SelectMany(f => ReadmeExcerpt.Regions(File.ReadAllText(f))
                .Select(r => $"{Path.GetRelativePath(RepositoryRoot.Path, f).Replace(Path.DirectorySeparatorChar, '/')}#{r}"))
            .ToList();
        Assert.NotEmpty(marked);
        Assert.All(marked, region => Assert.Contains(region, shown));
    }

    [Fact]
    public void TheEmbedItPartHasASubsectionForEachKindOfHost()
    {
        var part = Readme[Readme.IndexOf("\n## Embed it\n", StringComparison.Ordinal)..];
        part = part[..part.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        Assert.Equal(
            ["A plain console game loop", "A generic host", "An actor-based host", "A test"],
            part.Split('\n').Where(l => l.StartsWith("### ", StringComparison.Ordinal)).Select(l => l[4..]));
    }

    [Fact]
    public void ABlockThatDriftedFromItsRegionIsTold()
    {
        const string source = "class A\n{\n    // <embed:x>\n    void M() { }\n    // </embed:x>\n}\n";
        var excerpt = Assert.Single(ReadmeExcerpt.Parse("text\n<!-- embed: A.cs#x -->\n```csharp\nvoid M() { return; }\n```\n"));

        Assert.Equal(("A.cs", "x", 2), (excerpt.SourcePath, excerpt.Region, excerpt.Line));
        Assert.Equal("void M() { }", ReadmeExcerpt.Cut(source, "x", "A.cs"));
        Assert.NotEqual(ReadmeExcerpt.Cut(source, "x", "A.cs"), excerpt.Code);
    }

    [Fact]
    public void AMissingOrUnclosedRegionAndAMarkerWithoutABlockAreNamedWithTheirPlace()
    {
        var missing = Assert.Throws<FormatException>(() => ReadmeExcerpt.Cut("class A { }", "x", "A.cs"));
        Assert.Equal("A.cs: expected one '// <embed:x>' line, found 0", missing.Message);
        var unclosed = Assert.Throws<FormatException>(() => ReadmeExcerpt.Cut("a\n// <embed:x>\nb\n", "x", "A.cs"));
        Assert.Equal("A.cs:2: region 'x' is never closed by '// </embed:x>'", unclosed.Message);
        var bare = Assert.Throws<FormatException>(() => ReadmeExcerpt.Parse("a\n<!-- embed: A.cs#x -->\nnot a fence\n"));
        Assert.Equal("line 2: the embed marker is not followed by a ``` fence on the next line", bare.Message);
    }
}
