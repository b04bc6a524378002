using System.Buffers;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.Persistence.Canonical;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// Turns one ledger item (an <see cref="Observation"/>, a <see cref="Probe"/> or a <see cref="CloseSignal"/>)
/// into its canonical JSON entry and query index, reusing one buffer. Not thread-safe.
/// </summary>
internal sealed class LedgerItemEncoder
{
    private readonly ArrayBufferWriter<byte> _entry = new(1024);

    /// <summary>The payload of the last item encoded.</summary>
    public ReadOnlySpan<byte> Payload => _entry.WrittenSpan;

    /// <summary>Whether <paramref name="item"/> is something the ledger journals.</summary>
    public static bool IsLedgerItem(object? item) => item is Observation or Probe or CloseSignal;

    /// <summary>Refuses a batch holding anything but ledger items, naming the first such item's index.</summary>
    /// <exception cref="ArgumentException">An item is null or of another type.</exception>
    public static void Require(IReadOnlyList<object> items, string parameterName)
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (!IsLedgerItem(items[i]))
            {
                throw new ArgumentException(
                    $"Ledger item {i} of {items.Count} is {(items[i] is null ? "null" : "a " + items[i].GetType().Name)}; expected an Observation, a Probe or a CloseSignal.",
                    parameterName);
            }
        }
    }

    /// <summary>
    /// Encodes <paramref name="item"/> as entry <paramref name="sequence"/>; false, with the reason, when it
    /// holds a value that has no canonical JSON form (it then takes no sequence number).
    /// </summary>
    public bool TryEncode(object item, long sequence, long recordedAt, out EntryIndex index, out string? rejection)
    {
        _entry.ResetWrittenCount();
        try
        {
            if (item is Observation observation)
            {
                LedgerEntryCodec.WriteObservation(sequence, recordedAt, observation, _entry);
                index = new EntryIndex(LedgerEntryKinds.Observation, observation.TrailId, Modalities.WireName(observation.Modality), observation.Timestamp);
            }
            else
            {
                Probe probe = item as Probe ?? ((CloseSignal)item).Probe;
                LedgerEntryCodec.WriteProbe(sequence, recordedAt, probe, _entry);
                index = new EntryIndex(LedgerEntryKinds.Probe, probe.TrailId, null, LedgerEntryCodec.ProbeTimestamp(probe));
            }

            rejection = null;
            return true;
        }
        catch (CanonicalJsonException exception)
        {
            index = default;
            rejection = exception.Message;
            return false;
        }
    }
}
