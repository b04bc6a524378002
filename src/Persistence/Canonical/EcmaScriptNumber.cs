using System.Globalization;

namespace CodeSight.Persistence.Canonical;

/// <summary>
/// Formats a finite double the way ECMAScript's <c>Number.prototype.toString()</c> does, which is what
/// RFC 8785 section 3.2.2.3 demands: the shortest digit string that round-trips, written as an integer or
/// decimal fraction when the decimal exponent lies in [-6, 21), in exponent form (<c>1e+21</c>) otherwise.
/// </summary>
internal static class EcmaScriptNumber
{
    /// <summary>Returns the ECMAScript text of <paramref name="value"/>, which the caller has checked is finite.</summary>
    public static string Format(double value)
    {
        // -0 and +0 both print as "0" in ECMAScript.
        if (value == 0)
        {
            return "0";
        }

        // .NET Core 3.0+ "R" yields the shortest round-trip digits; only the layout differs from ECMAScript,
        // so extract digits and exponent and lay them out again.
        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        Span<char> digits = stackalloc char[32];
        int digitCount = 0;
        int pointPosition = -1;
        int exponent = 0;
        for (int i = 0; i < shortest.Length; i++)
        {
            char c = shortest[i];
            if (c == '.')
            {
                pointPosition = digitCount;
            }
            else if (c is 'E' or 'e')
            {
                exponent = int.Parse(shortest.AsSpan(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else
            {
                digits[digitCount++] = c;
            }
        }

        if (pointPosition < 0)
        {
            pointPosition = digitCount;
        }

        // Normalise to: value = 0.d1d2...dk * 10^n with d1 != 0 and dk != 0.
        int leading = 0;
        while (leading < digitCount - 1 && digits[leading] == '0')
        {
            leading++;
        }

        int n = pointPosition - leading + exponent;
        ReadOnlySpan<char> significant = digits[leading..digitCount];
        int k = significant.Length;
        while (k > 1 && significant[k - 1] == '0')
        {
            k--;
        }

        significant = significant[..k];
        var text = new System.Text.StringBuilder(32);
        if (value < 0)
        {
            text.Append('-');
        }

        if (k <= n && n <= 21)
        {
            text.Append(significant).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            text.Append(significant[..n]).Append('.').Append(significant[n..]);
        }
        else if (-6 < n && n <= 0)
        {
            text.Append("0.").Append('0', -n).Append(significant);
        }
        else
        {
            int e = n - 1;
            text.Append(significant[0]);
            if (k > 1)
            {
                text.Append('.').Append(significant[1..]);
            }

            text.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
