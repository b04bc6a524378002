using System.Diagnostics;

namespace CodeSight.Actors.Dispatch;

/// <summary>
/// An actor's mailbox and, at the same time, the thread-pool work item that runs it. A status word changed only by
/// compare-and-swap decides who may schedule a run, so at most one run is ever queued or running: the actor sees its
/// messages one at a time without locks. A run processes all system messages, then up to <c>throughput</c> ordinary
/// ones (system messages again after each), then yields the thread, unless the dispatcher gives runs a time slice
/// (<see cref="MessageDispatcher.ThroughputDeadline"/>): then a busy actor keeps its thread for further batches until
/// the slice is over or a batch of it has made several other actors runnable on the same thread (see FanOutYield).
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    // Status word layout, as in Akka: bit 0 closed, bit 1 scheduled, the rest a suspension count.
    private const int Open = 0;
    private const int Closed = 1;
    private const int Scheduled = 2;
    private const int ShouldScheduleMask = 3;
    private const int ShouldNotProcessMask = ~2;
    private const int SuspendUnit = 4;

    private MailboxQueue _queue;   // inline struct, used in place (must not be readonly)
    private readonly int _capacity; // 0 = unbounded
    private int _count;             // only maintained when bounded
    private int _status;
    // Pending system messages: a stack linked through the messages themselves, newest first, pushed by
    // compare-and-swap and taken whole by the run, which reverses it. No lock and no node per message. Once the
    // mailbox is closed the stack holds Dead for good, and later system messages are answered as by a dead actor.
    private SystemMessage? _systemStack;
    private static readonly SystemMessage Dead = new Suspend(); // a marker, compared by reference only
    private Queue<Envelope>? _prepended;         // consumer only: unstashed messages go first

    // How many other actors one batch of a run (up to `throughput` messages) must have made runnable on its thread
    // for the run to yield early. A run that feeds a partner or two (a ping-pong pair, shards publishing to a sink),
    // now and then rescheduling one that ran dry, goes on: yielding put it on the global queue, where the other
    // thread took it, which split the pair across cores for every message after. A run that spawns or fans out to
    // many actors still yields, so they start here while their first messages are in cache. Measured interleaved
    // (quick harnesses, 5 processes each): ping-pong with 2 and 8 pairs 33 and 37 M msg/s when any new runnable
    // actor made the run yield, 59 and 52 M msg/s with this threshold; spawn+stop and end-to-end recording the same
    // within noise.
    internal const int FanOutYield = 4;

    public Mailbox(MessageDispatcher dispatcher, int capacity)
    {
        Dispatcher = dispatcher;
        _capacity = capacity;
    }

    public MessageDispatcher Dispatcher { get; }

    public ActorCell Cell { get; set; } = null!;

    public bool IsClosed => (Volatile.Read(ref _status) & Closed) != 0;

    public bool IsSuspended => (Volatile.Read(ref _status) & ~ShouldScheduleMask) != 0;

    /// <summary>Number of queued user messages (exact for bounded mailboxes, -1 when unbounded).</summary>
    public int Count => _capacity > 0 ? Volatile.Read(ref _count) : -1;

    /// <summary>Queues a user message and schedules a run; returns false when the message was not accepted.</summary>
    public bool Post(object message, IActorRef? sender)
    {
        if (IsClosed) return false;
        if (_capacity > 0 && Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
            Cell.System.Drop(message, sender, Cell.Self, $"mailbox of {Cell.Self.Path} is full (capacity {_capacity})");
            return true;
        }
        _queue.Enqueue(message, sender, this);
        if (IsClosed)
        {
            // The actor stopped while we were enqueueing: its final drain may have missed us.
            DrainToDeadLetters();
            return true;
        }
        RegisterForExecution(hasMessageHint: true, hasSystemMessageHint: false);
        return true;
    }

    /// <summary>Queues a system message; when the mailbox is closed the cell answers it as a dead actor.</summary>
    /// <remarks>A message object is linked into the stack, so each one may be posted once only.</remarks>
    public void PostSystem(SystemMessage message)
    {
        while (true)
        {
            var top = Volatile.Read(ref _systemStack);
            if (ReferenceEquals(top, Dead))
            {
                Cell.HandleSystemMessageWhenDead(message);
                return;
            }
            message.Next = top;
            if (Interlocked.CompareExchange(ref _systemStack, message, top) == top) break;
        }
        RegisterForExecution(hasMessageHint: false, hasSystemMessageHint: true);
    }

    /// <summary>Puts messages in front of everything queued (used by unstashing); consumer thread only.</summary>
    public void Prepend(IEnumerable<Envelope> envelopes)
    {
        _prepended ??= new Queue<Envelope>();
        var merged = new Queue<Envelope>(envelopes);
        while (_prepended.Count > 0) merged.Enqueue(_prepended.Dequeue());
        _prepended = merged;
    }

    public bool HasMessages => (_prepended is { Count: > 0 }) || _queue.HasMessages;

    public bool HasSystemMessages => Volatile.Read(ref _systemStack) is { } top && !ReferenceEquals(top, Dead);

    public void Suspend()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if ((s & Closed) != 0) return;
            if (Interlocked.CompareExchange(ref _status, s + SuspendUnit, s) == s) return;
        }
    }

    public void Resume()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if ((s & Closed) != 0 || s < SuspendUnit) return;
            if (Interlocked.CompareExchange(ref _status, s - SuspendUnit, s) == s) return;
        }
    }

    /// <summary>Closes the mailbox for good; later messages become dead letters.</summary>
    public void BecomeClosed() => Interlocked.Or(ref _status, Closed);

    /// <summary>After closing: hands every queued message to dead letters and answers queued system messages.</summary>
    public void DrainToDeadLetters()
    {
        // The user queue has one consumer at a time: the actor's last run and a producer that found the mailbox
        // closed after enqueueing may both drain, so they take turns. Most actors die with an empty queue: skip the
        // lock then. No message is missed: a producer claims its slot with a fenced compare-and-swap and then reads
        // the status, and closing is fenced before this looks at the claims, so either this sees the claim or the
        // producer sees "closed" and drains for itself.
        if (_prepended is { Count: > 0 } || _queue.HasMessages)
        {
            DrainUserMessages();
        }
        // From here on PostSystem answers for the dead actor itself; answer what was queued before.
        var pending = Interlocked.Exchange(ref _systemStack, Dead);
        if (ReferenceEquals(pending, Dead)) return;
        for (var message = Oldest(pending); message is not null;)
        {
            var next = message.Next;
            message.Next = null;
            Cell.HandleSystemMessageWhenDead(message);
            message = next;
        }
    }

    private void DrainUserMessages()
    {
        lock (this)
        {
            if (_prepended is not null)
            {
                while (_prepended.Count > 0)
                {
                    var e = _prepended.Dequeue();
                    Cell.System.DeadLetter(e.Message, e.Sender, Cell.Self);
                }
            }
            while (_queue.TryDequeue(out var envelope))
            {
                if (_capacity > 0) Interlocked.Decrement(ref _count);
                Cell.System.DeadLetter(envelope.Message, envelope.Sender, Cell.Self);
            }
        }
    }

    /// <summary>Schedules a run if there is something to do and no run is queued or running.</summary>
    public bool RegisterForExecution(bool hasMessageHint, bool hasSystemMessageHint)
    {
        if (!CanBeScheduled(hasMessageHint, hasSystemMessageHint) || !TrySetScheduled()) return false;
        Dispatcher.Schedule(this);
        return true;
    }

    private bool TrySetScheduled()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if ((s & ShouldScheduleMask) != Open) return false;
            if (Interlocked.CompareExchange(ref _status, s | Scheduled, s) == s) return true;
        }
    }

    private bool CanBeScheduled(bool hasMessageHint, bool hasSystemMessageHint)
    {
        var s = Volatile.Read(ref _status);
        if (s is Open or Scheduled) return hasMessageHint || hasSystemMessageHint || HasSystemMessages || HasMessages;
        if ((s & Closed) != 0) return false;
        return hasSystemMessageHint || HasSystemMessages; // suspended: only system messages may run
    }

    /// <summary>One run of the mailbox, on a dispatcher thread.</summary>
    public void Execute()
    {
        // A calling-thread dispatcher runs this inside another actor's turn: put that actor back afterwards.
        var previous = ActorCell.Current;
        ActorCell.Current = Cell;
        // The time slice starts when the run first looks at the clock (after its first batch, or when more arrived
        // by the time it ran dry): most runs of a quiet actor end before that and never read the clock at all.
        var deadline = 0L;
        var mark = Dispatcher.LocalScheduleMark;
        var left = Dispatcher.Throughput; // messages (and re-looks) before the next look at the clock
        var handedOver = false;
        try
        {
            while (true)
            {
                if (!IsClosed)
                {
                    ProcessAllSystemMessages();
                    if (ProcessUserMessages(ref deadline, ref left, ref mark)) break; // the run used up its share of the thread
                }
                // Clear "scheduled" with a full fence, then look again: a producer that enqueued while we were
                // running saw "scheduled" and did not schedule, so we must. While the time slice lasts, the run goes
                // on here rather than through the pool's queue: no hand-over, no wake-up of another thread.
                Interlocked.And(ref _status, ~Scheduled);
                if (!CanBeScheduled(hasMessageHint: false, hasSystemMessageHint: false) || !TrySetScheduled())
                {
                    handedOver = true; // nothing left, or a producer scheduled a new run
                    return;
                }
                // Counted like a message, so that a run waiting for a producer that has claimed a slot but not yet
                // written it still looks at the clock now and then.
                if (--left <= 0)
                {
                    if (SliceIsOver(ref deadline, ref mark)) break;
                    left = Dispatcher.Throughput;
                }
            }
        }
        finally
        {
            ActorCell.Current = previous;
            // Otherwise this run still holds "scheduled" and messages may remain: yield the thread to the runs
            // queued behind it (also when an exception escaped, so that the mailbox is never stranded).
            if (!handedOver) Dispatcher.Reschedule(this);
        }
    }

    /// <summary>
    /// Processes user messages, system messages first after each one. Returns true when the run should yield its
    /// thread though messages may remain (its count or time slice is used up), false when the queue was found empty
    /// or the mailbox suspended or closed.
    /// </summary>
    private bool ProcessUserMessages(ref long deadline, ref int left, ref int mark)
    {
        while ((Volatile.Read(ref _status) & ShouldNotProcessMask) == 0)
        {
            Envelope envelope;
            if (_prepended is { Count: > 0 }) envelope = _prepended.Dequeue();
            else if (_queue.TryDequeue(out envelope))
            {
                if (_capacity > 0) Interlocked.Decrement(ref _count);
            }
            else return false;

            Cell.Invoke(envelope);
            if (HasSystemMessages) ProcessAllSystemMessages();
            if (--left <= 0)
            {
                // Reading the clock costs about as much as a message: look only once per batch.
                if (SliceIsOver(ref deadline, ref mark)) return true;
                left = Dispatcher.Throughput;
            }
        }
        return false;
    }

    /// <summary>
    /// True when the run should yield now: its time slice is over, or its last batch fanned out, making
    /// <see cref="FanOutYield"/> or more other actors runnable on this thread's local queue (they run next here, where
    /// the messages just sent to them are still in cache; a long run would leave them to be stolen by other threads).
    /// Starts the time slice on the first call; moves <paramref name="mark"/> on to count the next batch.
    /// </summary>
    private bool SliceIsOver(ref long deadline, ref int mark)
    {
        var ticks = Dispatcher.DeadlineTicks;
        var scheduled = Dispatcher.LocalScheduleMark;
        if (ticks == 0 || scheduled - mark >= FanOutYield) return true;
        mark = scheduled;
        var now = Stopwatch.GetTimestamp();
        if (deadline == 0)
        {
            deadline = now + ticks;
            return false;
        }
        return now >= deadline;
    }

    internal void ProcessAllSystemMessages()
    {
        while (!IsClosed)
        {
            var taken = Volatile.Read(ref _systemStack);
            if (taken is null || ReferenceEquals(taken, Dead)) break;
            if (Interlocked.CompareExchange(ref _systemStack, null, taken) != taken) continue;
            for (var message = Oldest(taken); message is not null;)
            {
                var next = message.Next;
                message.Next = null;
                // A message taken before the actor stopped (by an earlier one of this batch) is answered as dead.
                if (IsClosed) Cell.HandleSystemMessageWhenDead(message);
                else Cell.SystemInvoke(message);
                message = next;
            }
        }
        if (IsClosed) DrainToDeadLetters();
    }

    /// <summary>Reverses a stack taken from <see cref="_systemStack"/> into arrival order.</summary>
    private static SystemMessage? Oldest(SystemMessage? newestFirst)
    {
        SystemMessage? oldestFirst = null;
        while (newestFirst is not null)
        {
            var next = newestFirst.Next;
            newestFirst.Next = oldestFirst;
            oldestFirst = newestFirst;
            newestFirst = next;
        }
        return oldestFirst;
    }
}
