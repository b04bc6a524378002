using CodeSight.Contracts.Records;
using CodeSight.Engine.Sinks;
using CodeSight.Engine.Tests.Sinks.Support;

namespace CodeSight.Engine.Tests.Sinks;

public sealed class RollingNdjsonFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void NumbersRotatedFilesBeforeTheExtension()
    {
        using var file = new RollingNdjsonFile(_folder.File("trace.ndjson"), 1000, 3);
        Assert.Equal(_folder.File("trace.ndjson"), file.PathOf(0));
        Assert.Equal(_folder.File("trace.1.ndjson"), file.PathOf(1));
        Assert.Equal(_folder.File("trace.2.ndjson"), file.PathOf(2));
    }

    [Fact]
    public void RotatesBeforeARecordThatWouldPassTheLimitAndKeepsOnlyNFiles()
    {
        var names = new[] { "one", "two", "three", "four", "five" };
        // Each record is well over 100 bytes, so every record after the first starts a new file.
        using (var file = new RollingNdjsonFile(_folder.File("trace.ndjson"), 100, 3))
        {
            foreach (var name in names)
            {
                file.Write(SomeProbes.Closed(name));
            }

            Assert.Equal(4, file.Rotations);
        }

        Assert.Equal(["five"], NamesIn("trace.ndjson"));
        Assert.Equal(["four"], NamesIn("trace.1.ndjson"));
        Assert.Equal(["three"], NamesIn("trace.2.ndjson"));
        Assert.False(File.Exists(_folder.File("trace.3.ndjson")));
        Assert.Equal(3, Directory.GetFiles(_folder.Path).Length);
    }

    [Fact]
    public void FillsAFileUpToTheLimitBeforeRotating()
    {
        var probe = SomeProbes.Closed("same");
        var lineBytes = TraceRecordCodec.Serialize(TraceRecord.FromProbe(probe)).Length + 1;
        using (var file = new RollingNdjsonFile(_folder.File("trace.ndjson"), lineBytes * 2, 2))
        {
            for (var i = 0; i < 5; i++)
            {
                file.Write(probe);
            }
        }

        Assert.Single(NamesIn("trace.ndjson"));
        Assert.Equal(2, NamesIn("trace.1.ndjson").Count);
    }

    [Fact]
    public void PutsARecordLargerThanTheLimitAloneInAFreshFile()
    {
        var big = SomeProbes.Closed("big", new Dictionary<string, object?> { ["text"] = new string('x', 500) });
        using (var file = new RollingNdjsonFile(_folder.File("trace.ndjson"), 200, 3))
        {
            file.Write(SomeProbes.Closed("small"));
            file.Write(big);
            file.Write(SomeProbes.Closed("after"));
        }

        Assert.Equal(["after"], NamesIn("trace.ndjson"));
        Assert.Equal(["big"], NamesIn("trace.1.ndjson"));
        Assert.Equal(["small"], NamesIn("trace.2.ndjson"));
    }

    [Fact]
    public void KeepingOneFileTruncatesByStartingOver()
    {
        using (var file = new RollingNdjsonFile(_folder.File("trace.ndjson"), 100, 1))
        {
            file.Write(SomeProbes.Closed("old"));
            file.Write(SomeProbes.Closed("new"));
        }

        Assert.Equal(["new"], NamesIn("trace.ndjson"));
        Assert.Single(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void AppendsToAnExistingFileAndCountsItsSize()
    {
        File.WriteAllText(_folder.File("trace.ndjson"), TraceRecordCodec.Serialize(TraceRecord.FromProbe(SomeProbes.Closed("before"))) + "\n");
        var existing = new FileInfo(_folder.File("trace.ndjson")).Length;
        using (var file = new RollingNdjsonFile(_folder.File("trace.ndjson"), 1 << 20, 2))
        {
            file.Write(SomeProbes.Closed("after"));
            Assert.True(file.Length > existing);
        }

        Assert.Equal(["before", "after"], NamesIn("trace.ndjson"));
    }

    [Fact]
    public void EscapesLineAndParagraphSeparatorsSoEveryRecordStaysOnOneLine()
    {
        var probe = SomeProbes.Closed("a\u2028b", new Dictionary<string, object?> { ["text"] = "x\u2029y" });
        using (var file = new RollingNdjsonFile(_folder.File("trace.ndjson"), 1 << 20, 1))
        {
            file.Write(probe);
        }

        var bytes = File.ReadAllBytes(_folder.File("trace.ndjson"));
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain('\u2028', text);
        Assert.DoesNotContain('\u2029', text);
        Assert.Contains("a\\u2028b", text);
        Assert.Contains("x\\u2029y", text);
        Assert.Equal(probe, TraceRecordCodec.Deserialize(text.TrimEnd('\n')).ToProbe());
    }

    [Fact]
    public void ReportsAnUnwritablePathByName()
    {
        File.WriteAllText(_folder.File("blocker"), "a file, not a folder");
        var path = Path.Combine(_folder.File("blocker"), "trace.ndjson");
        using var file = new RollingNdjsonFile(path, 1000, 2);
        var error = Assert.Throws<IOException>(() => file.Write(SomeProbes.Closed()));
        Assert.Contains(path, error.Message);
        Assert.StartsWith("Cannot open the NDJSON file", error.Message);
    }

    [Theory]
    [InlineData(0, 1, "maxBytes")]
    [InlineData(100, 0, "keep")]
    public void RejectsALimitBelowOne(long maxBytes, int keep, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RollingNdjsonFile(_folder.File("x.ndjson"), maxBytes, keep));
        Assert.Equal(parameter, error.ParamName);
    }

    private List<string> NamesIn(string fileName) =>
        File.ReadAllLines(_folder.File(fileName)).Select(line => TraceRecordCodec.Deserialize(line).Name).ToList();
}
