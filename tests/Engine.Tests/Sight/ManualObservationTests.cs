using CodeSight.Contracts.Observations;
using CodeSight.Engine.Clock;
using CodeSight.Engine.Sight;
using CodeSight.TestKit;

namespace CodeSight.Engine.Tests.Sight;

public sealed class ManualObservationTests() : CodeSight.TestKit.TestKit("codesight.engine.sight.tensor-sample = 4")
{
    // A 1x1 PNG: signature, then an IHDR chunk declaring width 3 and height 2.
    private static readonly byte[] Png =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
        0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x02,
        0x08, 0x02, 0x00, 0x00, 0x00,
    ];

    private readonly ManualClock _clock = new(1_700_000_000_000_000);

    private SightRegistry NewRegistry(out TestProbe observations)
    {
        observations = CreateTestProbe();
        Sys.EventStream.Subscribe(observations.Ref, typeof(Observation));
        return new SightRegistry(Sys.EventStream, _clock, new SightSettings(Sys.Settings.Config));
    }

    [Fact]
    public void LogPublishesALogObservationForTheTarget()
    {
        var sight = NewRegistry(out var observations);

        sight.Log("navigation_module", "Recalculating due to obstacle", "WARNING");

        var seen = observations.ExpectMsg<Observation>();
        Assert.Equal(SightRegistry.LogPoint, seen.SightPoint);
        Assert.Equal("navigation_module", seen.Target);
        Assert.Equal(_clock.NowMicros(), seen.Timestamp);
        var log = Assert.IsType<LogPayload>(seen.Payload);
        Assert.Equal(("Recalculating due to obstacle", "WARNING"), (log.Message, log.Level));
    }

    [Fact]
    public void MetricPublishesTheValueWithItsUnit()
    {
        var sight = NewRegistry(out var observations);

        sight.Metric("frame_time", 16.7, "ms", target: "renderer");

        var seen = observations.ExpectMsg<Observation>();
        Assert.Equal("renderer", seen.Target);
        Assert.Equal(16.7, seen.Metrics["frame_time"]);
        Assert.Equal(new MetricPayload("frame_time", 16.7, "ms"), seen.Payload);
    }

    [Fact]
    public void ImageSniffsTheMediaTypeAndSize()
    {
        var sight = NewRegistry(out var observations);

        sight.Image(Png, "camera");

        var seen = observations.ExpectMsg<Observation>();
        var image = Assert.IsType<ImagePayload>(seen.Payload);
        Assert.Equal(ImagePayload.PngMediaType, image.MediaType);
        Assert.Equal(Modality.VisionProcessing, seen.Modality);
        Assert.Equal(3, seen.Metrics["width"]);
        Assert.Equal(2, seen.Metrics["height"]);
        Assert.Equal(Png.Length, seen.Metrics["bytes"]);
    }

    [Fact]
    public void ImageRejectsBytesThatAreNeitherPngNorJpeg()
    {
        var sight = NewRegistry(out var observations);
        var error = Assert.Throws<ArgumentException>(() => sight.Image("GIF89a"u8, "camera"));
        Assert.Contains("neither PNG nor JPEG", error.Message);
        Assert.Contains("474946383961", error.Message);
        observations.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void TensorPublishesASummaryWithTheConfiguredSampleSize()
    {
        var sight = NewRegistry(out var observations);
        var values = Enumerable.Range(0, 100).Select(i => (float)i).ToArray();

        sight.Tensor(values, [10, 10], "policy_logits");

        var seen = observations.ExpectMsg<Observation>();
        var tensor = Assert.IsType<TensorPayload>(seen.Payload);
        Assert.Equal([10, 10], tensor.Shape);
        Assert.Equal([0.0, 25.0, 50.0, 75.0], tensor.Sample);
        Assert.Equal(100, seen.Metrics["count"]);
        Assert.Equal(49.5, seen.Metrics["mean"]);
        Assert.Equal(99, seen.Metrics["max"]);
    }

    [Fact]
    public void TensorLeavesNonFiniteStatisticsOutOfTheMetrics()
    {
        var sight = NewRegistry(out var observations);
        sight.Tensor(new double[] { double.NaN, double.NaN }, [2], "empty_signal");
        var seen = observations.ExpectMsg<Observation>();
        Assert.Equal(["count"], seen.Metrics.Keys);
    }

    [Fact]
    public void TensorRejectsAShapeThatDoesNotFitTheValues()
    {
        var sight = NewRegistry(out _);
        var error = Assert.Throws<ArgumentException>(() => sight.Tensor(new int[6], [4, 2], "x"));
        Assert.Contains("holds 8 elements but 6 values were given", error.Message);
    }

    [Fact]
    public void EachManualKindCanBeDisabledByName()
    {
        var sight = NewRegistry(out var observations);
        sight.Disable(SightRegistry.TensorPoint);
        sight.Disable(SightRegistry.ImagePoint);

        sight.Tensor(new long[] { 1, 2 }, [2], "x");
        sight.Image(Png, "camera");
        sight.Log("x", "still on");

        Assert.Equal(SightRegistry.LogPoint, observations.ExpectMsg<Observation>().SightPoint);
        observations.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }
}
