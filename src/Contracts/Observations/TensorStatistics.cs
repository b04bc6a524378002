namespace CodeSight.Contracts.Observations;

/// <summary>Running statistics (Welford's update keeps the variance stable over long tensors).</summary>
internal struct TensorStatistics
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

    public TensorStatistics Finish()
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
