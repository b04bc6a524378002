using System.Text;
using CodeSight.Actors;
using CodeSight.Actors.Configuration;
using CodeSight.Actors.Events;
using CodeSight.TestKit.Internal;
using Xunit.Abstractions;

namespace CodeSight.TestKit;

/// <summary>
/// Base class for xunit tests of actors. xunit creates one instance per test, so every test gets a fresh
/// <see cref="ActorSystem"/> (<see cref="Sys"/>), a probe of its own (<see cref="TestActor"/>) whose expectations are
/// available directly on the kit, and a clean shutdown: <see cref="Dispose()"/> terminates the system and fails the
/// test if it does not stop within <c>codesight.test.shutdown-timeout</c>.
/// </summary>
public abstract class TestKit : IDisposable
{
    private static int s_systems;
    private readonly ExpectationClock _clock;
    private bool _disposed;

    /// <summary>Creates the kit with settings given as HOCON text (null for the defaults).</summary>
    /// <param name="hocon">Settings over reference.conf, e.g. <c>codesight.test.timefactor = 2</c>.</param>
    /// <param name="systemName">The actor system's name; null derives one from the test class.</param>
    /// <param name="output">Receives the system's <see cref="LogEvent"/>s, so they appear in the test's output.</param>
    protected TestKit(string? hocon = null, string? systemName = null, ITestOutputHelper? output = null)
        : this(hocon is null ? null : ConfigurationFactory.ParseString(hocon, "TestKit"), systemName, output)
    {
    }

    /// <summary>Creates the kit with settings given as a <see cref="Config"/> (null for the defaults).</summary>
    /// <param name="config">Settings over reference.conf.</param>
    /// <param name="systemName">The actor system's name; null derives one from the test class.</param>
    /// <param name="output">Receives the system's <see cref="LogEvent"/>s, so they appear in the test's output.</param>
    protected TestKit(Config? config, string? systemName = null, ITestOutputHelper? output = null)
    {
        Sys = ActorSystem.Create(systemName ?? DefaultSystemName(GetType()), config);
        _clock = new ExpectationClock(new TestKitSettings(Sys.Settings.Config));
        if (output is not null)
        {
            var forwarder = Sys.SystemActorOf(Props.Create(() => new LogForwarder(output)).WithDispatcher(TestProbe.DispatcherId), "testOutputLogger");
            Sys.EventStream.Subscribe(forwarder, typeof(LogEvent));
        }
        TestActor = new TestProbe(Sys, "testActor", _clock);
    }

    /// <summary>The actor system of this test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The kit's own probe; the expectations on the kit read its messages.</summary>
    public TestProbe TestActor { get; }

    /// <summary>The TestKit's timing settings.</summary>
    public TestKitSettings Settings => _clock.Settings;

    /// <summary>The sender of the message the last expectation on <see cref="TestActor"/> took.</summary>
    public IActorRef LastSender => TestActor.LastSender;

    /// <summary>The time left in the innermost <c>Within</c> block, or the dilated default timeout outside one.</summary>
    public TimeSpan RemainingOrDefault => _clock.WaitFor(null);

    /// <summary>Creates another probe in <see cref="Sys"/>, sharing the kit's settings and <c>Within</c> deadlines.</summary>
    /// <param name="name">The probe actor's name; null for a generated one.</param>
    public TestProbe CreateTestProbe(string? name = null) => new(Sys, name, _clock);

    /// <inheritdoc cref="TestProbe.Dilated"/>
    public TimeSpan Dilated(TimeSpan duration) => Settings.Dilated(duration);

    /// <inheritdoc cref="TestProbe.Watch"/>
    public IActorRef Watch(IActorRef target) => TestActor.Watch(target);

    /// <inheritdoc cref="TestProbe.Unwatch"/>
    public IActorRef Unwatch(IActorRef target) => TestActor.Unwatch(target);

    /// <inheritdoc cref="TestProbe.Reply"/>
    public void Reply(object message) => TestActor.Reply(message);

    /// <inheritdoc cref="TestProbe.Forward"/>
    public void Forward(IActorRef target) => TestActor.Forward(target);

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(TimeSpan?)"/>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => TestActor.ExpectMsg<T>(timeout);

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(T, TimeSpan?)"/>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) => TestActor.ExpectMsg(expected, timeout);

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(Predicate{T}, TimeSpan?)"/>
    public T ExpectMsg<T>(Predicate<T> isMatch, TimeSpan? timeout = null) => TestActor.ExpectMsg(isMatch, timeout);

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(Action{T}, TimeSpan?)"/>
    public T ExpectMsg<T>(Action<T> assertion, TimeSpan? timeout = null) => TestActor.ExpectMsg(assertion, timeout);

    /// <inheritdoc cref="TestProbe.ExpectMsgAnyOf{T}(T[])"/>
    public T ExpectMsgAnyOf<T>(params T[] expected) => TestActor.ExpectMsgAnyOf(expected);

    /// <inheritdoc cref="TestProbe.ExpectMsgAnyOf{T}(IEnumerable{T}, TimeSpan?)"/>
    public T ExpectMsgAnyOf<T>(IEnumerable<T> expected, TimeSpan? timeout = null) => TestActor.ExpectMsgAnyOf(expected, timeout);

    /// <inheritdoc cref="TestProbe.ExpectNoMsg"/>
    public void ExpectNoMsg(TimeSpan? duration = null) => TestActor.ExpectNoMsg(duration);

    /// <inheritdoc cref="TestProbe.ExpectTerminated"/>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) => TestActor.ExpectTerminated(target, timeout);

    /// <inheritdoc cref="TestProbe.ReceiveN"/>
    public IReadOnlyList<object> ReceiveN(int n, TimeSpan? timeout = null) => TestActor.ReceiveN(n, timeout);

    /// <inheritdoc cref="TestProbe.ReceiveWhile{T}"/>
    public IReadOnlyList<T> ReceiveWhile<T>(Predicate<T>? shouldContinue = null, TimeSpan? max = null, TimeSpan? idle = null, int maxMessages = int.MaxValue) =>
        TestActor.ReceiveWhile(shouldContinue, max, idle, maxMessages);

    /// <inheritdoc cref="TestProbe.FishForMessage(Predicate{object}, TimeSpan?)"/>
    public object FishForMessage(Predicate<object> isTarget, TimeSpan? timeout = null) => TestActor.FishForMessage(isTarget, timeout);

    /// <inheritdoc cref="TestProbe.FishForMessage{T}(Predicate{T}, TimeSpan?)"/>
    public T FishForMessage<T>(Predicate<T> isTarget, TimeSpan? timeout = null) => TestActor.FishForMessage(isTarget, timeout);

    /// <inheritdoc cref="TestProbe.Within(TimeSpan, TimeSpan, Action)"/>
    public void Within(TimeSpan min, TimeSpan max, Action action) => TestActor.Within(min, max, action);

    /// <inheritdoc cref="TestProbe.Within(TimeSpan, Action)"/>
    public void Within(TimeSpan max, Action action) => TestActor.Within(max, action);

    /// <inheritdoc cref="TestProbe.Within{T}(TimeSpan, Func{T})"/>
    public T Within<T>(TimeSpan max, Func<T> func) => TestActor.Within(max, func);

    /// <inheritdoc cref="TestProbe.Within{T}(TimeSpan, TimeSpan, Func{T})"/>
    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> func) => TestActor.Within(min, max, func);

    /// <inheritdoc cref="TestProbe.AwaitAssert"/>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null) => TestActor.AwaitAssert(assertion, duration, interval);

    /// <inheritdoc cref="TestProbe.AwaitCondition"/>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null) =>
        TestActor.AwaitCondition(condition, max, interval, message);

    /// <summary>Terminates <see cref="Sys"/> and waits for it; see <see cref="Dispose(bool)"/>.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Terminates the actor system and waits up to <c>codesight.test.shutdown-timeout</c> (dilated) for it.
    /// </summary>
    /// <exception cref="TestKitAssertionException">The system did not terminate in time (this fails the test).</exception>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing) return;
        _disposed = true;
        var wait = Settings.Dilated(Settings.ShutdownTimeout);
        if (!Sys.Terminate().Wait(wait))
        {
            throw new TestKitAssertionException(
                $"The actor system '{Sys.Name}' did not terminate within {TestProbe.Ms(wait)} (codesight.test.shutdown-timeout): an actor is probably blocked in PostStop or in a handler.");
        }
    }

    private static string DefaultSystemName(Type testClass)
    {
        var name = new StringBuilder();
        foreach (var c in testClass.Name)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_') name.Append(c);
        }
        name.Append('-').Append(Interlocked.Increment(ref s_systems));
        return name.ToString();
    }
}
