namespace CodeSight.Contracts.Ids;

/// <summary>Lowercase hex encoding and strict decoding shared by the id types.</summary>
internal static class HexText
{
    private const string Digits = "0123456789abcdef";

    public static void WriteChars(ulong value, Span<char> destination)
    {
        for (var i = 15; i >= 0; i--)
        {
            destination[i] = Digits[(int)(value & 0xF)];
            value >>= 4;
        }
    }

    public static void WriteUtf8(ulong value, Span<byte> destination)
    {
        for (var i = 15; i >= 0; i--)
        {
            destination[i] = (byte)Digits[(int)(value & 0xF)];
            value >>= 4;
        }
    }

    /// <summary>Decodes 16 lowercase hex chars; returns the index of the first bad char, or -1.</summary>
    public static int TryRead(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var nibble = Nibble(text[i]);
            if (nibble < 0)
            {
                return i;
            }

            value = (value << 4) | (uint)nibble;
        }

        return -1;
    }

    /// <summary>Decodes 16 lowercase hex UTF-8 bytes; returns the index of the first bad byte, or -1.</summary>
    public static int TryRead(ReadOnlySpan<byte> text, out ulong value)
    {
        value = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var nibble = Nibble((char)text[i]);
            if (nibble < 0)
            {
                return i;
            }

            value = (value << 4) | (uint)nibble;
        }

        return -1;
    }

    // Only lowercase is accepted: W3C trace context treats uppercase ids as invalid, and one spelling per id
    // keeps string comparisons, hashes and the ratio gate consistent.
    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };

    public static string Describe(char c) =>
        c is >= ' ' and <= '~' ? $"'{c}'" : $"U+{(int)c:X4}";
}
