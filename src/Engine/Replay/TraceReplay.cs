using System.Runtime.CompilerServices;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Records;
using CodeSight.Contracts.Signals;

namespace CodeSight.Engine.Replay;

/// <summary>
/// Reads NDJSON trace records (docs/ndjson.md) back into the app vocabulary: as records, as signals, as
/// probes by id, or as trails. Malformed lines are skipped and noted in <see cref="ReplayOptions.Diagnostics"/>,
/// or end a strict replay with a <see cref="ReplayFormatException"/> naming the line and field.
/// </summary>
public static class TraceReplay
{
    /// <summary>Every valid record, in file order.</summary>
    public static async IAsyncEnumerable<TraceRecord> ReadRecords(
        ReplaySource source,
        ReplayOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= ReplayOptions.Lenient;
        var splitter = new LineSplitter();
        var decoded = new List<TraceRecord>();
        await foreach (var chunk in source.Open(cancellationToken).ConfigureAwait(false))
        {
            // Lines may point into the chunk, which the producer may reuse after the next MoveNext: decode
            // them all now, yield afterwards.
            Decode(splitter.Push(chunk), splitter.LineCount, options, decoded);
            foreach (var record in decoded)
            {
                yield return record;
            }
        }

        Decode(splitter.Finish(), splitter.LineCount, options, decoded);
        foreach (var record in decoded)
        {
            yield return record;
        }
    }

    /// <summary>
    /// One signal per record: a closed probe (terminal status and an end time) gives a <see cref="CloseSignal"/>
    /// at its end time, anything else an <see cref="OpenSignal"/> at its start time.
    /// </summary>
    public static async IAsyncEnumerable<Signal> ReplaySignals(
        ReplaySource source,
        ReplayOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var record in ReadRecords(source, options, cancellationToken).ConfigureAwait(false))
        {
            var probe = record.ToProbe();
            yield return probe.IsClosed
                ? new CloseSignal(probe, probe.EndedAt!.Value)
                : new OpenSignal(probe, probe.StartedAt);
        }
    }

    /// <summary>Every probe by id; a later record for the same id replaces the earlier one. Order is first-seen.</summary>
    public static async Task<IReadOnlyDictionary<ProbeId, Probe>> ReplayProbes(
        ReplaySource source,
        ReplayOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var probes = new Dictionary<ProbeId, Probe>();
        await foreach (var record in ReadRecords(source, options, cancellationToken).ConfigureAwait(false))
        {
            probes[record.Id] = record.ToProbe();
        }

        return probes;
    }

    /// <summary>Every trail, in the order its first record was seen, with its tree and a completeness flag.</summary>
    public static async Task<IReadOnlyList<ReplayedTrail>> ReplayTrails(
        ReplaySource source,
        ReplayOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var probes = await ReplayProbes(source, options, cancellationToken).ConfigureAwait(false);
        var byTrail = new Dictionary<TrailId, Dictionary<ProbeId, Probe>>();
        foreach (var probe in probes.Values)
        {
            if (!byTrail.TryGetValue(probe.TrailId, out var members))
            {
                byTrail[probe.TrailId] = members = [];
            }

            members[probe.Id] = probe;
        }

        var trails = new List<ReplayedTrail>(byTrail.Count);
        foreach (var (trailId, members) in byTrail)
        {
            trails.Add(Build(trailId, members));
        }

        return trails;
    }

    private static ReplayedTrail Build(TrailId trailId, Dictionary<ProbeId, Probe> members)
    {
        Probe? root = null;
        var roots = 0;
        var allClosed = true;
        var parentsPresent = true;
        var children = new Dictionary<ProbeId, List<ProbeId>>();
        foreach (var probe in members.Values)
        {
            allClosed &= probe.IsClosed;
            if (probe.ParentId is { } parent)
            {
                parentsPresent &= members.ContainsKey(parent);
                if (!children.TryGetValue(parent, out var siblings))
                {
                    children[parent] = siblings = [];
                }

                siblings.Add(probe.Id);
            }
            else
            {
                root ??= probe;
                roots++;
            }
        }

        var adjacency = children.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<ProbeId>)pair.Value);
        return new ReplayedTrail(trailId, root, members, adjacency, roots == 1 && allClosed && parentsPresent);
    }

    private static void Decode(IReadOnlyList<ReadOnlyMemory<byte>> lines, long lastLineNumber, ReplayOptions options, List<TraceRecord> output)
    {
        output.Clear();
        var lineNumber = lastLineNumber - lines.Count;
        foreach (var line in lines)
        {
            lineNumber++;
            options.Diagnostics?.CountLine();
            var span = line.Span;
            if (span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            try
            {
                output.Add(TraceRecordCodec.Deserialize(span));
                options.Diagnostics?.CountRecord();
            }
            catch (TraceRecordFormatException ex)
            {
                if (options.Strict)
                {
                    throw new ReplayFormatException(lineNumber, ex.Field, ex.Reason, ex);
                }

                options.Diagnostics?.Skip(new ReplayIssue(lineNumber, ex.Field, ex.Reason));
            }
        }
    }
}
