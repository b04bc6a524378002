using System.Diagnostics;
using System.Globalization;
using CodeSight.Actors;
using CodeSight.TestKit.Internal;

namespace CodeSight.TestKit;

/// <summary>
/// A real actor whose messages a test inspects with expectations (<see cref="ExpectMsg{T}(TimeSpan?)"/> and
/// friends). It runs on the calling-thread dispatcher (<c>codesight.test.calling-thread-dispatcher</c>): a message
/// told to it is queued before <c>Tell</c> returns, and expectations block on that queue, never on the thread pool,
/// so they work even when the pool is starved. Because it is an actor it can watch others, subscribe to the event
/// stream and be a message's sender; it also implements <see cref="IActorRef"/> by forwarding to <see cref="Ref"/>.
/// Expectations are meant to be called from one test thread at a time.
/// </summary>
public sealed class TestProbe : IActorRef
{
    /// <summary>The configuration path of the dispatcher probes run on.</summary>
    public const string DispatcherId = "codesight.test.calling-thread-dispatcher";

    private static int s_counter;
    private readonly ProbeQueue _queue = new();
    private readonly ExpectationClock _clock;
    private ReceivedMessage _last;

    /// <summary>Creates a probe in <paramref name="system"/> (under <c>/system</c>), with its own timing settings.</summary>
    /// <param name="system">The actor system the probe lives in.</param>
    /// <param name="name">The actor's name; null for a generated one.</param>
    public TestProbe(ActorSystem system, string? name = null)
        : this(system, name, new ExpectationClock(new TestKitSettings(system.Settings.Config)))
    {
    }

    internal TestProbe(ActorSystem system, string? name, ExpectationClock clock)
    {
        ArgumentNullException.ThrowIfNull(system);
        System = system;
        _clock = clock;
        var queue = _queue;
        name ??= "testProbe-" + Interlocked.Increment(ref s_counter).ToString(CultureInfo.InvariantCulture);
        Ref = system.SystemActorOf(Props.Create(() => new ProbeActor(queue)).WithDispatcher(DispatcherId), name);
        _last = new ReceivedMessage(string.Empty, system.DeadLetters);
    }

    /// <summary>The actor system the probe lives in.</summary>
    public ActorSystem System { get; }

    /// <summary>The probe's actor: tell it messages, watch it, subscribe it to the event stream.</summary>
    public IActorRef Ref { get; }

    /// <summary>The timing settings (time factor and defaults) the expectations use.</summary>
    public TestKitSettings Settings => _clock.Settings;

    /// <inheritdoc />
    public ActorPath Path => Ref.Path;

    /// <summary>The sender of the message the last expectation took (dead letters before any).</summary>
    public IActorRef LastSender => _last.Sender;

    /// <summary>The time left in the innermost <c>Within</c> block, or the dilated default timeout outside one.</summary>
    public TimeSpan RemainingOrDefault => _clock.WaitFor(null);

    /// <summary>Number of received messages no expectation has taken yet.</summary>
    public int QueuedCount => _queue.Count;

    /// <inheritdoc />
    public void Tell(object message, IActorRef? sender) => Ref.Tell(message, sender);

    /// <inheritdoc />
    public bool Equals(IActorRef? other) => ReferenceEquals(this, other) || Ref.Equals(other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Ref.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"TestProbe{Ref}";

    /// <summary>Scales <paramref name="duration"/> by <c>codesight.test.timefactor</c>.</summary>
    public TimeSpan Dilated(TimeSpan duration) => _clock.Settings.Dilated(duration);

    /// <summary>Tells <paramref name="message"/> to <paramref name="target"/> with this probe as the sender.</summary>
    public void Send(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, Ref);
    }

    /// <summary>Tells <paramref name="message"/> to the sender of the last message taken, with this probe as sender.</summary>
    public void Reply(object message) => LastSender.Tell(message, Ref);

    /// <summary>Tells the last message taken to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(_last.Message, _last.Sender);
    }

    /// <summary>
    /// Watches <paramref name="target"/>: the probe receives <see cref="Terminated"/> when it stops (at once if it is
    /// already dead). Returns once the watch is in place.
    /// </summary>
    public IActorRef Watch(IActorRef target)
    {
        SendWatchRequest(target, watch: true);
        return target;
    }

    /// <summary>
    /// Withdraws a watch: no <see cref="Terminated"/> for <paramref name="target"/> is received afterwards, not even
    /// one that had already arrived and was waiting to be taken.
    /// </summary>
    public IActorRef Unwatch(IActorRef target)
    {
        SendWatchRequest(target, watch: false);
        _queue.RemoveAll(m => m.Message is Terminated t && t.ActorRef.Equals(target));
        return target;
    }

    // ---- expectations ------------------------------------------------------------------------------------------

    /// <summary>Expects the next message to be a <typeparamref name="T"/> and returns it.</summary>
    /// <param name="timeout">How long to wait (dilated); null for <c>single-expect-default</c> or the time left in <c>Within</c>.</param>
    /// <exception cref="TestKitAssertionException">Nothing arrived in time, or the message was of another type.</exception>
    public T ExpectMsg<T>(TimeSpan? timeout = null) =>
        ExpectOne<T>(timeout, $"a message of type {TypeName(typeof(T))}", static _ => null);

    /// <summary>Expects the next message to be a <typeparamref name="T"/> equal to <paramref name="expected"/>.</summary>
    /// <exception cref="TestKitAssertionException">Nothing arrived in time, or another message arrived.</exception>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) =>
        ExpectOne<T>(timeout, $"{TypeName(typeof(T))} equal to {Describe(expected)}",
            m => EqualityComparer<T>.Default.Equals(m, expected) ? null : "it is not equal");

    /// <summary>Expects the next message to be a <typeparamref name="T"/> for which <paramref name="isMatch"/> is true.</summary>
    /// <exception cref="TestKitAssertionException">Nothing arrived in time, or the message did not match.</exception>
    public T ExpectMsg<T>(Predicate<T> isMatch, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isMatch);
        return ExpectOne<T>(timeout, $"a {TypeName(typeof(T))} matching the predicate", m => isMatch(m) ? null : "the predicate returned false");
    }

    /// <summary>
    /// Expects the next message to be a <typeparamref name="T"/> and runs <paramref name="assertion"/> on it; an
    /// exception from the assertion fails the expectation (and is kept as its inner exception).
    /// </summary>
    /// <exception cref="TestKitAssertionException">Nothing arrived in time, the type was wrong, or the assertion threw.</exception>
    public T ExpectMsg<T>(Action<T> assertion, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        Exception? failure = null;
        try
        {
            return ExpectOne<T>(timeout, $"a {TypeName(typeof(T))} passing the assertion", m =>
            {
                try
                {
                    assertion(m);
                    return null;
                }
                catch (Exception e)
                {
                    failure = e;
                    return "the assertion failed: " + e.Message;
                }
            });
        }
        catch (TestKitAssertionException e) when (failure is not null)
        {
            throw new TestKitAssertionException(e.Message, failure);
        }
    }

    /// <summary>Expects the next message to be equal to one of <paramref name="expected"/>.</summary>
    /// <exception cref="TestKitAssertionException">Nothing arrived in time, or the message equals none of them.</exception>
    public T ExpectMsgAnyOf<T>(params T[] expected) => ExpectMsgAnyOf((IEnumerable<T>)expected);

    /// <summary>Expects the next message, within <paramref name="timeout"/>, to be equal to one of <paramref name="expected"/>.</summary>
    /// <exception cref="TestKitAssertionException">Nothing arrived in time, or the message equals none of them.</exception>
    public T ExpectMsgAnyOf<T>(IEnumerable<T> expected, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var candidates = expected.ToArray();
        if (candidates.Length == 0) throw new ArgumentException("ExpectMsgAnyOf needs at least one expected message.", nameof(expected));
        return ExpectOne<T>(timeout, "one of [" + string.Join(", ", candidates.Select(c => Describe(c))) + "]",
            m => candidates.Contains(m) ? null : "it equals none of them");
    }

    /// <summary>Expects no message for <paramref name="duration"/> (dilated; null for <c>expect-no-message-default</c>).</summary>
    /// <exception cref="TestKitAssertionException">A message arrived; the exception names it and when.</exception>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var wait = _clock.QuietFor(duration);
        var clock = Stopwatch.StartNew();
        if (_queue.TryTake(wait, out var received))
        {
            _last = received;
            throw new TestKitAssertionException(
                $"ExpectNoMsg: expected no message for {Ms(wait)}, but received {Describe(received.Message)} after {Ms(clock.Elapsed)}.");
        }
    }

    /// <summary>Expects the <see cref="Terminated"/> of <paramref name="target"/>, which must be watched.</summary>
    /// <exception cref="TestKitAssertionException">Nothing arrived in time, or another message arrived first.</exception>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ExpectOne<Terminated>(timeout, $"Terminated of {target.Path}",
            t => t.ActorRef.Equals(target) ? null : $"it is the Terminated of {t.ActorRef.Path}");
    }

    /// <summary>Receives the next <paramref name="n"/> messages, all within <paramref name="timeout"/> together.</summary>
    /// <exception cref="TestKitAssertionException">Fewer than <paramref name="n"/> arrived in time.</exception>
    public IReadOnlyList<object> ReceiveN(int n, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var wait = _clock.WaitFor(timeout);
        var clock = Stopwatch.StartNew();
        var messages = new List<object>(n);
        while (messages.Count < n)
        {
            if (!_queue.TryTake(Left(wait, clock), out var received))
            {
                throw new TestKitAssertionException(
                    $"ReceiveN: expected {n} messages within {Ms(wait)}, but only {messages.Count} arrived" +
                    (messages.Count == 0 ? "." : ": " + string.Join(", ", messages.Select(Describe)) + "."));
            }
            _last = received;
            messages.Add(received.Message);
        }
        return messages;
    }

    /// <summary>
    /// Receives messages while they are <typeparamref name="T"/>s for which <paramref name="shouldContinue"/> is true;
    /// the first one that is not is left in the queue for the next expectation. Stops also when <paramref name="max"/>
    /// is over, when no message arrives for <paramref name="idle"/>, or after <paramref name="maxMessages"/>.
    /// </summary>
    /// <param name="shouldContinue">Whether to take the message; null takes every <typeparamref name="T"/>.</param>
    /// <param name="max">Total time (dilated); null for the default or the time left in <c>Within</c>.</param>
    /// <param name="idle">Longest gap between messages (dilated); null for no limit other than <paramref name="max"/>.</param>
    /// <param name="maxMessages">Most messages to take.</param>
    public IReadOnlyList<T> ReceiveWhile<T>(Predicate<T>? shouldContinue = null, TimeSpan? max = null, TimeSpan? idle = null, int maxMessages = int.MaxValue)
    {
        var wait = _clock.WaitFor(max);
        var gap = idle is { } i ? Dilated(i) : Timeout.InfiniteTimeSpan;
        var clock = Stopwatch.StartNew();
        var taken = new List<T>();
        while (taken.Count < maxMessages)
        {
            var left = Left(wait, clock);
            if (gap != Timeout.InfiniteTimeSpan && gap < left) left = gap;
            if (!_queue.TryPeek(left, out var next)) break;
            if (next.Message is not T typed || (shouldContinue is not null && !shouldContinue(typed))) break;
            _queue.TryTake(TimeSpan.Zero, out _);
            _last = next;
            taken.Add(typed);
        }
        return taken;
    }

    /// <summary>
    /// Skips messages until one for which <paramref name="isTarget"/> is true arrives, and returns it; the skipped
    /// messages are discarded.
    /// </summary>
    /// <exception cref="TestKitAssertionException">No such message arrived in time; the message lists what was skipped.</exception>
    public object FishForMessage(Predicate<object> isTarget, TimeSpan? timeout = null) => FishForMessage<object>(isTarget, timeout);

    /// <summary>Skips messages until a <typeparamref name="T"/> for which <paramref name="isTarget"/> is true arrives.</summary>
    /// <exception cref="TestKitAssertionException">No such message arrived in time.</exception>
    public T FishForMessage<T>(Predicate<T> isTarget, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isTarget);
        var wait = _clock.WaitFor(timeout);
        var clock = Stopwatch.StartNew();
        var skipped = new List<object>();
        while (_queue.TryTake(Left(wait, clock), out var received))
        {
            _last = received;
            if (received.Message is T typed && isTarget(typed)) return typed;
            skipped.Add(received.Message);
        }
        throw new TestKitAssertionException(
            $"FishForMessage: expected a matching {TypeName(typeof(T))} within {Ms(wait)}, but none arrived" +
            (skipped.Count == 0 ? " (no message at all)." : $"; skipped {skipped.Count}: " + string.Join(", ", skipped.Take(10).Select(Describe)) + (skipped.Count > 10 ? ", ..." : ".")));
    }

    /// <summary>
    /// Runs <paramref name="action"/>, whose expectations (on this probe or any probe sharing its kit) may wait only
    /// for the time left until <paramref name="max"/> (dilated), and checks that it took between
    /// <paramref name="min"/> and <paramref name="max"/>.
    /// </summary>
    /// <exception cref="TestKitAssertionException">The block finished too early or too late.</exception>
    public void Within(TimeSpan min, TimeSpan max, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Within(min, max, () =>
        {
            action();
            return true;
        });
    }

    /// <summary>Runs <paramref name="action"/> within <paramref name="max"/> (dilated); see <see cref="Within(TimeSpan, TimeSpan, Action)"/>.</summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    /// <summary>Runs <paramref name="func"/> within <paramref name="max"/> (dilated) and returns its result.</summary>
    public T Within<T>(TimeSpan max, Func<T> func) => Within(TimeSpan.Zero, max, func);

    /// <summary>Runs <paramref name="func"/>, checks it took between <paramref name="min"/> and <paramref name="max"/> (dilated), returns its result.</summary>
    /// <exception cref="TestKitAssertionException">The block finished too early or too late.</exception>
    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        if (min < TimeSpan.Zero || max < min) throw new ArgumentOutOfRangeException(nameof(max), $"Within needs 0 <= min <= max, got min {Ms(min)} and max {Ms(max)}.");
        var dilatedMax = Dilated(max);
        var clock = Stopwatch.StartNew();
        var result = _clock.RunWithin(dilatedMax, func);
        var took = clock.Elapsed;
        if (took < min) throw new TestKitAssertionException($"Within: the block finished after {Ms(took)}, earlier than the minimum of {Ms(min)}.");
        if (took > dilatedMax) throw new TestKitAssertionException($"Within: the block took {Ms(took)}, longer than the maximum of {Ms(dilatedMax)}.");
        return result;
    }

    /// <summary>
    /// Runs <paramref name="assertion"/> until it stops throwing, every <paramref name="interval"/> (default 100 ms)
    /// for up to <paramref name="duration"/> (dilated; default as for expectations).
    /// </summary>
    /// <exception cref="TestKitAssertionException">It still threw at the end; the last exception is the inner one.</exception>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var wait = _clock.WaitFor(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(100);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception e)
            {
                var left = Left(wait, clock);
                if (left <= TimeSpan.Zero)
                {
                    throw new TestKitAssertionException($"AwaitAssert: the assertion still failed after {Ms(clock.Elapsed)}: {e.Message}", e);
                }
                Pause(pause < left ? pause : left);
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> is true, checking every <paramref name="interval"/> (default 100 ms)
    /// for up to <paramref name="max"/> (dilated; default as for expectations).
    /// </summary>
    /// <exception cref="TestKitAssertionException">It was still false at the end; <paramref name="message"/> is included.</exception>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var wait = _clock.WaitFor(max);
        var pause = interval ?? TimeSpan.FromMilliseconds(100);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            var left = Left(wait, clock);
            if (left <= TimeSpan.Zero)
            {
                throw new TestKitAssertionException($"AwaitCondition: the condition was still false after {Ms(clock.Elapsed)}" + (message is null ? "." : ": " + message));
            }
            Pause(pause < left ? pause : left);
        }
    }

    // ---- internals ---------------------------------------------------------------------------------------------

    private T ExpectOne<T>(TimeSpan? timeout, string expected, Func<T, string?> mismatch)
    {
        var wait = _clock.WaitFor(timeout);
        var clock = Stopwatch.StartNew();
        if (!_queue.TryTake(wait, out var received))
        {
            throw new TestKitAssertionException($"ExpectMsg: expected {expected} within {Ms(wait)}, but no message arrived.");
        }
        _last = received;
        if (received.Message is not T typed)
        {
            throw new TestKitAssertionException(
                $"ExpectMsg: expected {expected}, but received {Describe(received.Message)} after {Ms(clock.Elapsed)}.");
        }
        if (mismatch(typed) is { } why)
        {
            throw new TestKitAssertionException(
                $"ExpectMsg: expected {expected}, but received {Describe(received.Message)} after {Ms(clock.Elapsed)}: {why}.");
        }
        return typed;
    }

    private void SendWatchRequest(IActorRef target, bool watch)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var done = new ManualResetEventSlim();
        Ref.Tell(new WatchRequest(target is TestProbe probe ? probe.Ref : target, watch, done), null);
        // Usually done already: the probe ran on this thread. If another thread was running it, wait for that run.
        var wait = _clock.Settings.Dilated(_clock.Settings.SingleExpectDefault);
        if (!done.Wait(wait))
        {
            throw new TestKitAssertionException($"{(watch ? "Watch" : "Unwatch")} of {target.Path} was not carried out by {Ref.Path} within {Ms(wait)}.");
        }
    }

    private static TimeSpan Left(TimeSpan wait, Stopwatch clock)
    {
        if (wait == Timeout.InfiniteTimeSpan || wait == TimeSpan.MaxValue) return Timeout.InfiniteTimeSpan;
        var left = wait - clock.Elapsed;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    // Polling waits for the condition's owner, not for a message, so there is nothing to block on but time.
    private static void Pause(TimeSpan pause) => Thread.Sleep(pause);

    internal static string Ms(TimeSpan span) => span == Timeout.InfiniteTimeSpan || span == TimeSpan.MaxValue
        ? "ever"
        : span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    internal static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"String \"{s}\"",
        _ => $"{TypeName(value.GetType())} {value}",
    };

    private static string TypeName(Type type)
    {
        if (!type.IsGenericType) return type.Name;
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return (tick < 0 ? name : name[..tick]) + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
    }
}
