namespace CodeSight.Actors.Configuration;

/// <summary>
/// HOCON sizes in bytes, following the spec's unit table exactly: <c>kB MB GB ...</c> are powers of ten,
/// <c>K Ki KiB</c> (and <c>M G T P E Z Y</c> alike) are powers of two, and a bare number is bytes.
/// </summary>
internal static class HoconByteSize
{
    private static readonly Dictionary<string, decimal> BytesPerUnit = Build();

    /// <summary>Parses a size; the result must be a whole number of bytes that fits in a long.</summary>
    public static bool TryParse(string text, out long value, out string error)
    {
        value = 0;
        if (!HoconUnitValue.TrySplit(text, out var number, out var unit))
        {
            error = "expected a size such as 512 bytes, 64KiB or 10MB";
            return false;
        }

        var multiplier = 1m;
        if (unit.Length > 0 && !BytesPerUnit.TryGetValue(unit, out multiplier))
        {
            error = unit == "KB"
                ? "unknown size unit 'KB'; HOCON spells a thousand bytes 'kB' and 1024 bytes 'K', 'Ki' or 'KiB'"
                : $"unknown size unit '{unit}'; expected B, kB, MB, GB... (powers of 10) or K, Ki, KiB, M, Mi, MiB... (powers of 2)";
            return false;
        }

        decimal bytes;
        try
        {
            bytes = number * multiplier;
        }
        catch (OverflowException)
        {
            error = "the size is too large for a long";
            return false;
        }

        if (bytes != decimal.Truncate(bytes))
        {
            error = "the size is not a whole number of bytes";
            return false;
        }

        if (bytes > long.MaxValue || bytes < long.MinValue)
        {
            error = "the size is too large for a long";
            return false;
        }

        value = (long)bytes;
        error = "";
        return true;
    }

    private static Dictionary<string, decimal> Build()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["B"] = 1, ["b"] = 1, ["byte"] = 1, ["bytes"] = 1,
        };
        string[] decimalNames = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] binaryNames = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        const string Letters = "KMGTPEZY";
        var powerOfTen = 1m;
        var powerOfTwo = 1m;
        for (var i = 0; i < Letters.Length; i++)
        {
            powerOfTen *= 1000m;
            powerOfTwo *= 1024m;
            var upper = Letters[i].ToString();
            var lower = upper.ToLowerInvariant();

            // The spec writes the kilo prefix in lower case ("kB") and every larger one in upper case.
            units[(i == 0 ? lower : upper) + "B"] = powerOfTen;
            units[decimalNames[i] + "byte"] = powerOfTen;
            units[decimalNames[i] + "bytes"] = powerOfTen;

            units[upper] = powerOfTwo;
            units[lower] = powerOfTwo;
            units[upper + "i"] = powerOfTwo;
            units[upper + "iB"] = powerOfTwo;
            units[binaryNames[i] + "byte"] = powerOfTwo;
            units[binaryNames[i] + "bytes"] = powerOfTwo;
        }

        return units;
    }
}
