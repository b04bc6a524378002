namespace CodeSight.Contracts.Observations;

/// <summary>The element type a tensor summary was built from.</summary>
public enum TensorDType
{
    /// <summary>32-bit floating point (<c>float32</c>).</summary>
    Float32,

    /// <summary>64-bit floating point (<c>float64</c>).</summary>
    Float64,

    /// <summary>32-bit signed integer (<c>int32</c>).</summary>
    Int32,

    /// <summary>64-bit signed integer (<c>int64</c>).</summary>
    Int64,
}
