using System.Runtime.InteropServices;

namespace CodeSight.Actors.Dispatch;

/// <summary>
/// A lock-free FIFO queue for many producers and one consumer at a time (the mailbox run that holds the
/// "scheduled" bit). It is a chain of ring segments in the manner of Vyukov's bounded queue: each slot carries a
/// sequence number telling producers whether it is free and the consumer whether it is filled.
/// </summary>
/// <remarks>
/// Memory: nothing is allocated until the first message, and the first segment holds 2 slots, so an idle actor
/// costs a few bytes and a short-lived one that gets a single message allocates little. When a segment fills up it is frozen and a segment twice as large (up to
/// <see cref="MaxSegmentCapacity"/>) is linked after it; in steady state the last segment is reused as a ring, so
/// queueing allocates nothing per message. A segment of <see cref="ApartFromCapacity"/> slots or more also carries
/// a 272-byte array that keeps its two positions on cache lines of their own (see Segment); only busy actors' queues
/// grow that large.
/// Ordering: segments are only ever appended, and a producer always enqueues into the newest segment it can see,
/// so two messages from one thread keep their order.
/// </remarks>
// A struct stored inline in its Mailbox (never copied: the mailbox's field is not readonly and every call works on
// it in place), so an idle actor pays no object header or reference for its queue.
internal struct MailboxQueue
{
    internal const int InitialSegmentCapacity = 2;
    // 2,048 slots of 24 bytes are 48 KiB: every segment stays below the large-object threshold (85,000 bytes). At
    // 4,096 a backed-up mailbox (a sink behind a burst) allocated 96 KiB segments on the large-object heap, zeroed,
    // faulted in page by page and freed only by full collections.
    internal const int MaxSegmentCapacity = 2048;

    /// <summary>Segments this large and larger keep their producer and consumer positions on separate cache lines.</summary>
    internal const int ApartFromCapacity = 32;

    private Segment? _first;        // set once; lets the consumer start at the right segment
    private Segment? _head;         // consumer only
    private volatile Segment? _tail; // newest segment; producers enqueue here

    /// <summary>Adds an envelope; safe from any thread, never blocks (growth briefly spins on a rare race).</summary>
    /// <param name="message">The message.</param>
    /// <param name="sender">Its sender.</param>
    /// <param name="growLock">The owner's lock, taken only on the rare growth of the queue.</param>
    public void Enqueue(object message, IActorRef? sender, object growLock)
    {
        var tail = _tail ?? Initialise();
        while (!tail.TryEnqueue(message, sender))
        {
            tail = Grow(tail, growLock);
        }
    }

    /// <summary>Takes the oldest envelope; only the current consumer may call this.</summary>
    public bool TryDequeue(out Envelope envelope)
    {
        var head = _head;
        if (head is null)
        {
            head = Volatile.Read(ref _first);
            if (head is null) { envelope = default; return false; }
            _head = head;
        }
        while (true)
        {
            if (head.TryDequeue(out envelope)) return true;
            // An empty segment is finished only once it is frozen and fully drained; then move on.
            if (!head.IsFrozenAndDrained) return false;
            var next = Volatile.Read(ref head.Next);
            if (next is null) return false;
            _head = head = next;
        }
    }

    /// <summary>
    /// True when a message is queued or a producer has claimed a slot and is about to write one. Producers may call
    /// it as a hint. The consumer calls it after clearing the mailbox's "scheduled" bit with a full fence, and it
    /// must not miss a producer that then found the bit still set: that producer's last fenced write was its claim
    /// (the compare-and-swap on the segment's tail); its slot's sequence number is a plain release store, which x64
    /// may still hold in its store buffer while the producer reads the mailbox status. So this looks at claims,
    /// not at written slots; a run scheduled for a claimed but unwritten slot finds nothing, ends, and looks again.
    /// </summary>
    public bool HasMessages
    {
        get
        {
            var seg = _head ?? Volatile.Read(ref _first);
            while (seg is not null)
            {
                if (seg.HasClaimedItem) return true;
                if (!seg.IsFrozenAndDrained) return false;
                seg = Volatile.Read(ref seg.Next);
            }
            return false;
        }
    }

    private Segment Initialise()
    {
        var fresh = new Segment(InitialSegmentCapacity);
        var first = Interlocked.CompareExchange(ref _first, fresh, null) ?? fresh;
        Interlocked.CompareExchange(ref _tail, first, null);
        return _tail!;
    }

    private Segment Grow(Segment full, object growLock)
    {
        lock (growLock)
        {
            if (_tail == full)
            {
                full.Freeze();
                var next = new Segment(Math.Min(full.Capacity * 2, MaxSegmentCapacity));
                Volatile.Write(ref full.Next, next);
                _tail = next;
            }
            return _tail!;
        }
    }

    [StructLayout(LayoutKind.Auto)]
    private struct Slot
    {
        public object? Message;
        public IActorRef? Sender;
        public long Sequence;
    }

    private sealed class Segment
    {
        private const long FrozenBit = 1L << 62;
        // Where a large segment keeps its positions: the tail and the head each on a cache line of its own (64 bytes
        // from each other and from the array's length, which every access reads).
        private const int TailIndex = 8;
        private const int HeadIndex = 16;
        private const int ApartLength = 32;
        private readonly Slot[] _slots;
        private readonly long _mask;
        // Small segments keep their positions here, beside the fields both sides read. A busy actor's queue grows into
        // large segments, whose positions live apart in _apart: there a producer claiming a slot and the consumer
        // taking one do not write to a cache line the other side reads on every message (false sharing would cost a
        // cross-core miss per message on each side).
        private long _tail;   // next position producers claim; FrozenBit set once frozen
        private long _head;   // next position the consumer reads
        private readonly long[]? _apart;
        public Segment? Next;

        public Segment(int capacity)
        {
            _slots = new Slot[capacity];
            _mask = capacity - 1;
            for (var i = 0; i < capacity; i++) _slots[i].Sequence = i;
            if (capacity >= ApartFromCapacity) _apart = new long[ApartLength];
        }

        private ref long Tail => ref _apart is null ? ref _tail : ref _apart[TailIndex];

        private ref long Head => ref _apart is null ? ref _head : ref _apart[HeadIndex];

        public int Capacity => _slots.Length;

        public bool TryEnqueue(object message, IActorRef? sender)
        {
            var slots = _slots;
            while (true)
            {
                var tail = Volatile.Read(ref Tail);
                if ((tail & FrozenBit) != 0) return false;
                ref var slot = ref slots[tail & _mask];
                var diff = Volatile.Read(ref slot.Sequence) - tail;
                if (diff == 0)
                {
                    if (Interlocked.CompareExchange(ref Tail, tail + 1, tail) == tail)
                    {
                        slot.Message = message;
                        slot.Sender = sender;
                        Volatile.Write(ref slot.Sequence, tail + 1);
                        return true;
                    }
                }
                else if (diff < 0)
                {
                    return false; // the slot still holds a message from the previous lap: full
                }
                // diff > 0: another producer took this position; read the tail again.
            }
        }

        public bool TryDequeue(out Envelope envelope)
        {
            var head = Head;
            ref var slot = ref _slots[head & _mask];
            if (Volatile.Read(ref slot.Sequence) != head + 1)
            {
                envelope = default;
                return false;
            }
            envelope = new Envelope(slot.Message!, slot.Sender);
            slot.Message = null;
            slot.Sender = null;
            Volatile.Write(ref slot.Sequence, head + _slots.Length);
            Head = head + 1;
            return true;
        }

        public bool HasClaimedItem => (Volatile.Read(ref Tail) & ~FrozenBit) != Head;

        public bool IsFrozenAndDrained
        {
            get
            {
                var tail = Volatile.Read(ref Tail);
                return (tail & FrozenBit) != 0 && (tail & ~FrozenBit) == Head;
            }
        }

        public void Freeze()
        {
            while (true)
            {
                var tail = Volatile.Read(ref Tail);
                if ((tail & FrozenBit) != 0) return;
                if (Interlocked.CompareExchange(ref Tail, tail | FrozenBit, tail) == tail) return;
            }
        }
    }
}
