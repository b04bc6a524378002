using System.Text.RegularExpressions;

namespace CodeSight.Packaging.Tests.Support;

/// <summary>
/// A code block of a markdown file that claims to be cut from a source file: the line before its fence reads
/// <c>&lt;!-- embed: PATH#REGION --&gt;</c>, and the source marks the region with <c>// &lt;embed:REGION&gt;</c> and
/// <c>// &lt;/embed:REGION&gt;</c> lines.
/// </summary>
internal sealed partial record ReadmeExcerpt(string SourcePath, string Region, int Line, string Code)
{
    /// <summary>Every marked block of <paramref name="markdown"/>, with the 1-based line of its marker.</summary>
    /// <exception cref="FormatException">A marker not followed by a fenced block, or a fence never closed.</exception>
    public static IReadOnlyList<ReadmeExcerpt> Parse(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var excerpts = new List<ReadmeExcerpt>();
        for (var i = 0; i < lines.Length; i++)
        {
            var marker = Marker().Match(lines[i]);
            if (!marker.Success) continue;
            if (i + 1 >= lines.Length || !lines[i + 1].StartsWith("```", StringComparison.Ordinal))
            {
                throw new FormatException($"line {i + 1}: the embed marker is not followed by a ``` fence on the next line");
            }

            var end = Array.FindIndex(lines, i + 2, l => l.TrimEnd() == "```");
            if (end < 0) throw new FormatException($"line {i + 2}: the code fence is never closed");
            excerpts.Add(new ReadmeExcerpt(marker.Groups["path"].Value, marker.Groups["region"].Value, i + 1, string.Join('\n', lines[(i + 2)..end])));
            i = end;
        }

        return excerpts;
    }

    /// <summary>The region's lines from <paramref name="source"/>, without the marker lines, dedented.</summary>
    /// <exception cref="FormatException">The region is missing, repeated or not closed; the message names the file.</exception>
    public static string Cut(string source, string region, string sourceName)
    {
        var lines = source.ReplaceLineEndings("\n").Split('\n');
        var starts = Enumerable.Range(0, lines.Length).Where(i => lines[i].Trim() == $"// <embed:{region}>").ToList();
        if (starts.Count != 1)
        {
            throw new FormatException($"{sourceName}: expected one '// <embed:{region}>' line, found {starts.Count}");
        }

        var end = Array.FindIndex(lines, starts[0] + 1, l => l.Trim() == $"// </embed:{region}>");
        if (end < 0) throw new FormatException($"{sourceName}:{starts[0] + 1}: region '{region}' is never closed by '// </embed:{region}>'");

        var body = lines[(starts[0] + 1)..end];
        var indent = body.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', body.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    /// <summary>The names of every region marked in <paramref name="source"/>.</summary>
    public static IEnumerable<string> Regions(string source) =>
        RegionStart().Matches(source).Select(m => m.Groups["region"].Value);

    [GeneratedRegex(@"^<!-- embed: (?<path>\S+)#(?<region>[\w-]+) -->\s*$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^\s*// <embed:(?<region>[\w-]+)>\s*$", RegexOptions.Multiline)]
    private static partial Regex RegionStart();
}
