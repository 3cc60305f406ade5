using System.Security.Cryptography;
using System.Text;

namespace Marketo.Extract.Testing.Internal;

/// <summary>The text encodings the emulator's tokens and checksums use.</summary>
internal static class TextEncodings
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Encodes text as unpadded RFC 4648 base32, the look of Marketo's paging tokens.</summary>
    public static string ToBase32(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var builder = new StringBuilder((bytes.Length * 8 / 5) + 1);
        int buffer = 0;
        int bits = 0;
        foreach (byte b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                builder.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            builder.Append(Base32Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return builder.ToString();
    }

    /// <summary>Decodes unpadded base32, or returns <see langword="null"/> when the text is not base32 of UTF-8.</summary>
    public static string? FromBase32(string text)
    {
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0;
        int bits = 0;
        foreach (char c in text.TrimEnd('='))
        {
            int value = Base32Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)((buffer >> (bits - 8)) & 0xFF));
                bits -= 8;
            }
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Returns <c>sha256:</c> and the lower-case hex SHA-256 of the bytes, as Marketo's <c>fileChecksum</c>.</summary>
    public static string Sha256Checksum(byte[] bytes)
    {
        byte[] hash = SHA256.HashData(bytes);
        var builder = new StringBuilder("sha256:", 7 + 64);
        foreach (byte b in hash)
        {
            builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
