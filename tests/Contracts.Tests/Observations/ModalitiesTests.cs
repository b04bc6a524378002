using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Tests.Observations;

public sealed class ModalitiesTests
{
    [Theory]
    [InlineData(Modality.TextGeneration, "text_generation")]
    [InlineData(Modality.CodeExecution, "code_execution")]
    [InlineData(Modality.VisionProcessing, "vision_processing")]
    [InlineData(Modality.Simulation, "simulation")]
    [InlineData(Modality.Inference, "inference")]
    [InlineData(Modality.Planning, "planning")]
    [InlineData(Modality.ToolCalling, "tool_calling")]
    public void WritesAndParsesSnakeCaseWireNames(Modality modality, string name)
    {
        Assert.Equal(name, Modalities.WireName(modality));
        Assert.Equal(modality, Modalities.Parse(name));
    }

    [Fact]
    public void RejectsAnUnknownModalityListingTheValidOnes()
    {
        var error = Assert.Throws<FormatException>(() => Modalities.Parse("Planning"));

        Assert.Contains("\"Planning\"", error.Message);
        Assert.Contains("tool_calling", error.Message);
    }

    [Fact]
    public void ObservationsCompareMetricsAndContextByContent()
    {
        var trail = TrailId.New();
        Observation Make() => new(
            "planning_step",
            "navigation_module",
            Modality.Planning,
            new Dictionary<string, double> { ["latency_ms"] = 12.5 },
            new Dictionary<string, object?> { ["route"] = "A1" },
            1_000,
            new LogPayload("Recalculating due to obstacle", "WARNING"),
            trail);

        Assert.Equal(Make(), Make());
        Assert.NotEqual(Make(), Make() with { Payload = new LogPayload("other", "WARNING") });
        Assert.Same(ProbeAttributes.Empty, ProbeAttributes.Empty);
    }
}
