using System.Globalization;

namespace CodeSight.Actors.Configuration;

/// <summary>Splits text such as <c>10 seconds</c>, <c>1.5KiB</c> or <c>250</c> into its number and unit.</summary>
internal static class HoconUnitValue
{
    /// <summary>Parses the leading number and returns the rest, trimmed, as the unit.</summary>
    /// <returns>False when the text does not start with a number.</returns>
    public static bool TrySplit(string text, out decimal number, out string unit)
    {
        var trimmed = text.Trim();
        var end = 0;
        if (end < trimmed.Length && trimmed[end] is '-' or '+')
        {
            end++;
        }

        while (end < trimmed.Length && (char.IsAsciiDigit(trimmed[end]) || trimmed[end] == '.'))
        {
            end++;
        }

        // An exponent only counts when digits follow it, so that "5e" is not read as a number.
        if (end < trimmed.Length - 1 && trimmed[end] is 'e' or 'E'
            && (char.IsAsciiDigit(trimmed[end + 1]) || (trimmed[end + 1] is '-' or '+' && end + 2 < trimmed.Length && char.IsAsciiDigit(trimmed[end + 2]))))
        {
            end += 2;
            while (end < trimmed.Length && char.IsAsciiDigit(trimmed[end]))
            {
                end++;
            }
        }

        unit = trimmed[end..].Trim();
        return decimal.TryParse(trimmed[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }
}
