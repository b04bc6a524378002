using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Redaction;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Trails;

/// <summary>Secrets are scrubbed when they enter a trail, so no signal ever carries them.</summary>
public sealed class RedactionOnInputTests : EngineTestKit
{
    private const string Scrubbed = SecretRedactor.ScrubbedToken;

    // Assembled at run time so that no credential-shaped literal sits in the source.
    private static readonly string DashKey = "sk-" + new string('A', 24);

    private readonly CodeSightEngine _engine;
    private readonly TestKit.TestProbe _signals;

    public RedactionOnInputTests()
    {
        _engine = StartEngine();
        _signals = Subscribe<Signal>();
    }

    [Fact]
    public void AttributesOfAnOpenAreScrubbed()
    {
        var root = _engine.Recorder.OpenTrail("login", attributes: new Dictionary<string, object?>
        {
            ["user"] = "ada",
            ["password"] = "hunter2",
            ["header"] = "Bearer abcdefgh12345678",
        });
        var opened = Expect<OpenSignal>(_signals, root.Id);
        Assert.Equal("ada", opened.Probe.Attributes["user"]);
        Assert.Equal(Scrubbed, opened.Probe.Attributes["password"]);
        Assert.Equal("Bearer " + Scrubbed, opened.Probe.Attributes["header"]);
    }

    [Fact]
    public void AttributesOfANoteAreScrubbedAndMergedWithTheCleanOnes()
    {
        var root = _engine.Recorder.OpenTrail("call", attributes: new Dictionary<string, object?> { ["model"] = "m1" });
        root.Note("api_key", "whatever-it-is");
        root.Note(new Dictionary<string, object?> { ["prompt"] = "use " + DashKey + " please" });
        Expect<OpenSignal>(_signals, root.Id);
        Assert.Equal(Scrubbed, Expect<UpdateSignal>(_signals, root.Id).Probe.Attributes["api_key"]);
        var second = Expect<UpdateSignal>(_signals, root.Id);
        Assert.Equal("use " + Scrubbed + " please", second.Probe.Attributes["prompt"]);
        Assert.Equal("m1", second.Probe.Attributes["model"]);
        Assert.Equal(Scrubbed, second.Probe.Attributes["api_key"]);
    }

    [Fact]
    public void TheFaultMessageAndStackOfAFailureAreScrubbedButNotItsName()
    {
        var root = _engine.Recorder.OpenTrail("call");
        root.Fail(new ProbeFault("rejected key " + DashKey, "AuthError", "at Login(" + DashKey + ")\nat Main()"));
        root.Close();
        Expect<OpenSignal>(_signals, root.Id);
        var failed = Expect<UpdateSignal>(_signals, root.Id);
        Assert.Equal(new ProbeFault("rejected key " + Scrubbed, "AuthError", "at Login(" + Scrubbed + ")\nat Main()"), failed.Probe.Fault);
        var closed = Expect<CloseSignal>(_signals, root.Id);
        Assert.DoesNotContain(DashKey, closed.Probe.Fault!.Message + closed.Probe.Fault.Stack);
    }

    [Fact]
    public void AnExceptionRecordedByRunIsScrubbed()
    {
        var root = _engine.Recorder.OpenTrail("call");
        Assert.Throws<InvalidOperationException>(() =>
            root.Child(ProbeKind.Tool, "tool").Run(_ => throw new InvalidOperationException("bad token " + DashKey)));
        Expect<OpenSignal>(_signals, root.Id);
        _signals.ExpectMsg<OpenSignal>();
        var failed = _signals.ExpectMsg<UpdateSignal>();
        Assert.Equal("bad token " + Scrubbed, failed.Probe.Fault!.Message);
        Assert.Equal(typeof(InvalidOperationException).FullName, failed.Probe.Fault.Name);
        Assert.DoesNotContain(DashKey, failed.Probe.Fault.Stack);
    }

    [Fact]
    public async Task WithRedactionTurnedOffAttributesPassUnchanged()
    {
        using var system = Actors.ActorSystem.Create("plain", "codesight.engine.redaction.enabled = off");
        var engine = CodeSightEngine.Start(system);
        var signals = new TestKit.TestProbe(system);
        system.EventStream.Subscribe(signals.Ref, typeof(Signal));
        var root = engine.Recorder.OpenTrail("login", attributes: new Dictionary<string, object?> { ["password"] = "hunter2" });
        Assert.Equal("hunter2", signals.ExpectMsg<OpenSignal>().Probe.Attributes["password"]);
        root.Close();
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
