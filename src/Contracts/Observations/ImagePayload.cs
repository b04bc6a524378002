using System.Buffers.Binary;

namespace CodeSight.Contracts.Observations;

/// <summary>
/// An image, kept as its encoded bytes. The media type is sniffed from the magic bytes (PNG or JPEG only);
/// width and height are read from the PNG IHDR chunk or the JPEG start-of-frame marker when present.
/// </summary>
public sealed record ImagePayload : ObservationPayload
{
    /// <summary>The media type of PNG images.</summary>
    public const string PngMediaType = "image/png";

    /// <summary>The media type of JPEG images.</summary>
    public const string JpegMediaType = "image/jpeg";

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly byte[] _bytes;

    /// <summary>Creates an image payload from a copy of <paramref name="bytes"/>.</summary>
    /// <exception cref="ArgumentException">The bytes are not PNG or JPEG; the message shows the first bytes.</exception>
    public ImagePayload(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(PngSignature))
        {
            MediaType = PngMediaType;
            (Width, Height) = ReadPngSize(bytes);
        }
        else if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            MediaType = JpegMediaType;
            (Width, Height) = ReadJpegSize(bytes);
        }
        else
        {
            throw new ArgumentException(
                bytes.IsEmpty
                    ? "The image is empty; expected PNG or JPEG bytes."
                    : $"The image is neither PNG nor JPEG: its first bytes are {Convert.ToHexString(bytes[..Math.Min(8, bytes.Length)])} "
                      + "(PNG starts 89504E470D0A1A0A, JPEG starts FFD8FF).",
                nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    /// <summary>The encoded image.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary><see cref="PngMediaType"/> or <see cref="JpegMediaType"/>.</summary>
    public string MediaType { get; }

    /// <summary>Width in pixels, when the header carried it.</summary>
    public int? Width { get; }

    /// <summary>Height in pixels, when the header carried it.</summary>
    public int? Height { get; }

    /// <inheritdoc/>
    public override string Type => "image";

    /// <summary>Equal when the media type and every byte match.</summary>
    public bool Equals(ImagePayload? other) =>
        other is not null && MediaType == other.MediaType && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(MediaType, _bytes.Length, Width, Height);

    private static (int?, int?) ReadPngSize(ReadOnlySpan<byte> bytes)
    {
        // Signature (8), then the IHDR chunk: length (4), type "IHDR" (4), width (4), height (4), big-endian.
        if (bytes.Length < 24 || !bytes.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return (null, null);
        }

        return (SizeOrNull(BinaryPrimitives.ReadUInt32BigEndian(bytes[16..])), SizeOrNull(BinaryPrimitives.ReadUInt32BigEndian(bytes[20..])));
    }

    private static (int?, int?) ReadJpegSize(ReadOnlySpan<byte> bytes)
    {
        var at = 2;
        while (at + 1 < bytes.Length)
        {
            if (bytes[at] != 0xFF)
            {
                return (null, null);
            }

            var marker = bytes[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }

            at += 2;
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // standalone markers carry no length
            }

            if (marker is 0xD9 or 0xDA || at + 2 > bytes.Length)
            {
                return (null, null); // end of image or start of scan before any frame header
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
            // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC): precision (1), height (2), width (2).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (at + 7 > bytes.Length)
                {
                    return (null, null);
                }

                return (SizeOrNull(BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 5)..])), SizeOrNull(BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 3)..])));
            }

            at += length;
        }

        return (null, null);
    }

    private static int? SizeOrNull(uint value) => value is 0 or > int.MaxValue ? null : (int)value;
}
