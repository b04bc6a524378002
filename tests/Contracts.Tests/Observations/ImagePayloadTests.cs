using CodeSight.Contracts.Observations;

namespace CodeSight.Contracts.Tests.Observations;

public sealed class ImagePayloadTests
{
    [Fact]
    public void SniffsAPngAndReadsItsSizeFromIhdr()
    {
        byte[] png =
        [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
            0x00, 0x00, 0x00, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R',
            0x00, 0x00, 0x02, 0x80, 0x00, 0x00, 0x01, 0xE0,
            0x08, 0x06, 0x00, 0x00, 0x00,
        ];

        var image = new ImagePayload(png);

        Assert.Equal(ImagePayload.PngMediaType, image.MediaType);
        Assert.Equal(640, image.Width);
        Assert.Equal(480, image.Height);
        Assert.Equal(png, image.Bytes.ToArray());
    }

    [Fact]
    public void SniffsAJpegAndReadsItsSizeFromTheFrameHeader()
    {
        byte[] jpeg =
        [
            0xFF, 0xD8,
            0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, // APP0, length 4
            0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x78, 0x00, 0xA0, 0x03, 0x01, 0x22, 0x00, // SOF0: 120 high, 160 wide
            0xFF, 0xD9,
        ];

        var image = new ImagePayload(jpeg);

        Assert.Equal(ImagePayload.JpegMediaType, image.MediaType);
        Assert.Equal(160, image.Width);
        Assert.Equal(120, image.Height);
    }

    [Fact]
    public void LeavesTheSizeUnknownWhenTheHeaderIsCut()
    {
        var image = new ImagePayload([0xFF, 0xD8, 0xFF, 0xE0]);

        Assert.Equal(ImagePayload.JpegMediaType, image.MediaType);
        Assert.Null(image.Width);
        Assert.Null(image.Height);
    }

    [Fact]
    public void RejectsOtherBytesSayingWhatTheyStartedWith()
    {
        var error = Assert.Throws<ArgumentException>(() => new ImagePayload("GIF89a\x01\x02\x03"u8));

        Assert.Contains("474946383961", error.Message);
        Assert.Contains("neither PNG nor JPEG", error.Message);
    }

    [Fact]
    public void RejectsAnEmptyImage()
    {
        var error = Assert.Throws<ArgumentException>(() => new ImagePayload(ReadOnlySpan<byte>.Empty));

        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void KeepsItsOwnCopyOfTheBytes()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xD9];
        var image = new ImagePayload(jpeg);

        jpeg[3] = 0x00;

        Assert.Equal(0xD9, image.Bytes.Span[3]);
    }
}
