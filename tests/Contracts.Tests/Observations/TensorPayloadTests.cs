using CodeSight.Contracts.Observations;

namespace CodeSight.Contracts.Tests.Observations;

public sealed class TensorPayloadTests
{
    [Fact]
    public void SummarizesValuesLeavingNaNOut()
    {
        float[] values = [1, 2, float.NaN, 3, 4, 5];

        var tensor = TensorPayload.From(values, [2, 3]);

        Assert.Equal([2, 3], tensor.Shape);
        Assert.Equal(TensorDType.Float32, tensor.DType);
        Assert.Equal(6, tensor.Count);
        Assert.Equal(1, tensor.NanCount);
        Assert.Equal(1, tensor.Min);
        Assert.Equal(5, tensor.Max);
        Assert.Equal(3, tensor.Mean, 12);
        Assert.Equal(Math.Sqrt(2), tensor.Std, 12);
    }

    [Fact]
    public void KeepsABoundedEvenlyStridedSample()
    {
        var values = Enumerable.Range(0, 10_000).Select(i => (long)i).ToArray();

        var tensor = TensorPayload.From(values, [100, 100], sampleCap: 4);

        Assert.Equal([0.0, 2500.0, 5000.0, 7500.0], tensor.Sample);
        Assert.Equal(TensorDType.Int64, tensor.DType);
    }

    [Fact]
    public void ReportsNaNStatisticsWhenEveryValueIsNaN()
    {
        var tensor = TensorPayload.From([double.NaN, double.NaN], [2]);

        Assert.Equal(2, tensor.NanCount);
        Assert.True(double.IsNaN(tensor.Mean));
        Assert.True(double.IsNaN(tensor.Min));
    }

    [Fact]
    public void RejectsAShapeWhoseProductDiffersFromTheLength()
    {
        var error = Assert.Throws<ArgumentException>(() => TensorPayload.From([1, 2, 3], [2, 2]));

        Assert.Contains("[2, 2] holds 4 elements but 3 values", error.Message);
    }

    [Fact]
    public void RejectsANegativeDimensionNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => TensorPayload.From(ReadOnlySpan<int>.Empty, [0, -1]));

        Assert.Contains("Dimension 1", error.Message);
    }

    [Fact]
    public void RejectsASampleCapBeyondTheMaximum()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TensorPayload.From([1.0], [1], TensorPayload.MaxSampleCap + 1));
    }
}
