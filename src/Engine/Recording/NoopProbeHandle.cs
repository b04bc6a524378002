using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;

namespace CodeSight.Engine.Recording;

/// <summary>The handle of everything not recorded: every call returns at once and allocates nothing.</summary>
internal sealed class NoopProbeHandle : ProbeHandle
{
    public override bool IsRecording => false;

    public override ProbeId Id => default;

    public override TrailId TrailId => default;

    public override ProbeHandle Child(ProbeKind kind, string name, IReadOnlyDictionary<string, object?>? attributes = null) => this;

    public override void Note(IReadOnlyDictionary<string, object?> attributes) { }

    public override void Note(string key, object? value) { }

    public override void Note(string key, long value) { }

    public override void Note(string key, double value) { }

    public override void Note(string key, bool value) { }

    public override void Fail(Exception exception) { }

    public override void Fail(ProbeFault fault) { }

    public override void Close(ProbeStatus? status = null) { }
}
