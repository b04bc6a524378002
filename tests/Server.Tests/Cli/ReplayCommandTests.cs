using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Records;
using CodeSight.Server.Cli;

namespace CodeSight.Server.Tests.Cli;

public sealed class ReplayCommandTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"codesight-replay-cli-{Guid.NewGuid():N}.ndjson");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task PrintsEachTrailAsAProbeTreeAndSkipsMalformedLinesNamingThem()
    {
        var trail = TrailId.New();
        var root = new Probe(ProbeId.New(), trail, null, ProbeKind.Run, "session", 1_000, 9_000, ProbeStatus.Ok, ProbeAttributes.Empty, null);
        var child = new Probe(ProbeId.New(), trail, root.Id, ProbeKind.Tool, "read_file", 2_000, 3_000, ProbeStatus.Error, ProbeAttributes.Empty, new ProbeFault("disk on fire"));
        await File.WriteAllLinesAsync(_path, [TraceRecordCodec.Serialize(TraceRecord.FromProbe(root)), "{\"id\":\"zz\"}", TraceRecordCodec.Serialize(TraceRecord.FromProbe(child))]);

        var output = new StringWriter();
        var errors = new StringWriter();
        Assert.Equal(Program.Ok, await ReplayCommand.RunAsync(_path, strict: false, output, errors, CancellationToken.None));
        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Contains("2 probes, complete", lines[0]);
        Assert.Contains("session", lines[1]);
        Assert.StartsWith("    ", lines[2]); // the child is indented under its root
        Assert.Contains("read_file", lines[2]);
        Assert.Contains("! disk on fire", lines[2]);
        Assert.Contains($"{_path}:2: id:", errors.ToString());

        Assert.Equal(Program.BadUsage, await ReplayCommand.RunAsync(_path, strict: true, new StringWriter(), errors, CancellationToken.None));
        Assert.Equal(Program.BadUsage, await ReplayCommand.RunAsync(_path + ".missing", strict: false, new StringWriter(), new StringWriter(), CancellationToken.None));
    }
}
