namespace CodeSight.Contracts.Observations;

/// <summary>
/// A summary of a tensor: its shape, element type, statistics and a bounded, evenly strided sample. The
/// payload never keeps a copy of the whole tensor, so logging a large one costs at most <see cref="MaxSampleCap"/> values.
/// </summary>
public sealed record TensorPayload : ObservationPayload
{
    /// <summary>The sample size used when the caller does not choose one.</summary>
    public const int DefaultSampleCap = 16;

    /// <summary>The largest sample a payload will keep.</summary>
    public const int MaxSampleCap = 1024;

    private TensorPayload(int[] shape, TensorDType dType, in Statistics stats, double[] sample)
    {
        Shape = shape;
        DType = dType;
        Count = stats.Count;
        NanCount = stats.NanCount;
        Min = stats.Min;
        Max = stats.Max;
        Mean = stats.Mean;
        Std = stats.Std;
        Sample = sample;
    }

    /// <summary>The dimensions; their product equals <see cref="Count"/>.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The element type.</summary>
    public TensorDType DType { get; }

    /// <summary>The number of elements.</summary>
    public long Count { get; }

    /// <summary>How many elements were NaN; they are left out of the other statistics.</summary>
    public long NanCount { get; }

    /// <summary>The smallest non-NaN element, or NaN when there is none.</summary>
    public double Min { get; }

    /// <summary>The largest non-NaN element, or NaN when there is none.</summary>
    public double Max { get; }

    /// <summary>The mean of the non-NaN elements, or NaN when there is none.</summary>
    public double Mean { get; }

    /// <summary>The population standard deviation of the non-NaN elements, or NaN when there is none.</summary>
    public double Std { get; }

    /// <summary>Up to the requested cap of elements, taken at even strides from the start, in order.</summary>
    public IReadOnlyList<double> Sample { get; }

    /// <inheritdoc/>
    public override string Type => "tensor";

    /// <summary>Summarizes a float32 tensor.</summary>
    /// <exception cref="ArgumentException">The shape is invalid or its product differs from the number of values.</exception>
    public static TensorPayload From(ReadOnlySpan<float> values, ReadOnlySpan<int> shape, int sampleCap = DefaultSampleCap)
    {
        var dims = CheckShape(shape, values.Length, sampleCap);
        var stats = new Statistics();
        foreach (var value in values)
        {
            stats.Add(value);
        }

        var sample = new double[Math.Min(sampleCap, values.Length)];
        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = values[Stride(i, values.Length, sample.Length)];
        }

        return new TensorPayload(dims, TensorDType.Float32, stats.Finish(), sample);
    }

    /// <summary>Summarizes a float64 tensor.</summary>
    /// <exception cref="ArgumentException">The shape is invalid or its product differs from the number of values.</exception>
    public static TensorPayload From(ReadOnlySpan<double> values, ReadOnlySpan<int> shape, int sampleCap = DefaultSampleCap)
    {
        var dims = CheckShape(shape, values.Length, sampleCap);
        var stats = new Statistics();
        foreach (var value in values)
        {
            stats.Add(value);
        }

        var sample = new double[Math.Min(sampleCap, values.Length)];
        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = values[Stride(i, values.Length, sample.Length)];
        }

        return new TensorPayload(dims, TensorDType.Float64, stats.Finish(), sample);
    }

    /// <summary>Summarizes an int32 tensor.</summary>
    /// <exception cref="ArgumentException">The shape is invalid or its product differs from the number of values.</exception>
    public static TensorPayload From(ReadOnlySpan<int> values, ReadOnlySpan<int> shape, int sampleCap = DefaultSampleCap)
    {
        var dims = CheckShape(shape, values.Length, sampleCap);
        var stats = new Statistics();
        foreach (var value in values)
        {
            stats.Add(value);
        }

        var sample = new double[Math.Min(sampleCap, values.Length)];
        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = values[Stride(i, values.Length, sample.Length)];
        }

        return new TensorPayload(dims, TensorDType.Int32, stats.Finish(), sample);
    }

    /// <summary>Summarizes an int64 tensor (statistics and sample are doubles, so values beyond 2^53 round).</summary>
    /// <exception cref="ArgumentException">The shape is invalid or its product differs from the number of values.</exception>
    public static TensorPayload From(ReadOnlySpan<long> values, ReadOnlySpan<int> shape, int sampleCap = DefaultSampleCap)
    {
        var dims = CheckShape(shape, values.Length, sampleCap);
        var stats = new Statistics();
        foreach (var value in values)
        {
            stats.Add(value);
        }

        var sample = new double[Math.Min(sampleCap, values.Length)];
        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = values[Stride(i, values.Length, sample.Length)];
        }

        return new TensorPayload(dims, TensorDType.Int64, stats.Finish(), sample);
    }

    /// <summary>Equal when shape, type, statistics and sample all match.</summary>
    public bool Equals(TensorPayload? other) =>
        other is not null
        && DType == other.DType
        && Count == other.Count
        && NanCount == other.NanCount
        && Min.Equals(other.Min)
        && Max.Equals(other.Max)
        && Mean.Equals(other.Mean)
        && Std.Equals(other.Std)
        && Shape.SequenceEqual(other.Shape)
        && Sample.SequenceEqual(other.Sample);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(DType, Count, NanCount, Min, Max, Mean);

    // Spreads the sample over the whole tensor: index i of n samples out of length elements.
    private static int Stride(int i, int length, int n) => (int)((long)i * length / n);

    private static int[] CheckShape(ReadOnlySpan<int> shape, int length, int sampleCap)
    {
        if (sampleCap is < 0 or > MaxSampleCap)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleCap), sampleCap, $"The sample cap must be between 0 and {MaxSampleCap}.");
        }

        long product = 1;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
            {
                throw new ArgumentException($"Dimension {i} of the shape is {shape[i]}; dimensions cannot be negative.", nameof(shape));
            }

            product = Math.Min(product * shape[i], long.MaxValue / int.MaxValue);
        }

        if (product != length)
        {
            throw new ArgumentException(
                $"The shape [{string.Join(", ", shape.ToArray())}] holds {product} elements but {length} values were given.", nameof(shape));
        }

        return shape.ToArray();
    }

    /// <summary>Running statistics (Welford's update keeps the variance stable over long tensors).</summary>
    private struct Statistics
    {
        public long Count;
        public long NanCount;
        public double Min;
        public double Max;
        public double Mean;
        public double Std;
        private long _seen;
        private double _m2;

        public void Add(double value)
        {
            Count++;
            if (double.IsNaN(value))
            {
                NanCount++;
                return;
            }

            if (_seen == 0)
            {
                Min = value;
                Max = value;
            }
            else
            {
                Min = Math.Min(Min, value);
                Max = Math.Max(Max, value);
            }

            _seen++;
            var delta = value - Mean;
            Mean += delta / _seen;
            _m2 += delta * (value - Mean);
        }

        public Statistics Finish()
        {
            if (_seen == 0)
            {
                Min = Max = Mean = Std = double.NaN;
            }
            else
            {
                Std = Math.Sqrt(Math.Max(0, _m2 / _seen));
            }

            return this;
        }
    }
}
