using System.Buffers.Binary;

namespace Bot.Core.Moderation;

/// <summary>What an image is, read from its first bytes (never from a file name or a Content-Type header).</summary>
/// <param name="ContentType">The MIME type.</param>
/// <param name="Extension">The file name extension, without the dot.</param>
/// <param name="Width">Pixels across.</param>
/// <param name="Height">Pixels down.</param>
internal sealed record ImageFormat(string ContentType, string Extension, int Width, int Height);

/// <summary>
/// Recognises PNG, JPEG, GIF and WebP by their magic bytes and reads their dimensions from the header, so an
/// HTML page named <c>.png</c> is refused however it was served.
/// </summary>
internal static class ImageInspector
{
    /// <summary>The strictest platform's photo rule: width plus height at most 10,000 pixels.</summary>
    public const int MaxWidthPlusHeight = 10_000;

    /// <summary>The strictest platform's photo rule: the longer side at most 20 times the shorter.</summary>
    public const int MaxAspectRatio = 20;

    /// <summary>The format and size of <paramref name="bytes"/>; null when it is none of the four formats or its header is broken.</summary>
    public static ImageFormat? Inspect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 24 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) && bytes.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return Sized("image/png", "png", BinaryPrimitives.ReadInt32BigEndian(bytes[16..]), BinaryPrimitives.ReadInt32BigEndian(bytes[20..]));
        }

        if (bytes.Length >= 10 && (bytes[..6].SequenceEqual("GIF87a"u8) || bytes[..6].SequenceEqual("GIF89a"u8)))
        {
            return Sized("image/gif", "gif", BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]));
        }

        if (bytes.Length >= 30 && bytes[..4].SequenceEqual("RIFF"u8) && bytes.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return WebP(bytes);
        }

        return bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF ? Jpeg(bytes) : null;
    }

    /// <summary>Whether the dimensions are ones both platforms show as a picture.</summary>
    public static bool SaneDimensions(ImageFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var (longer, shorter) = format.Width >= format.Height ? (format.Width, format.Height) : (format.Height, format.Width);
        return shorter >= 1 && format.Width + format.Height <= MaxWidthPlusHeight && longer <= shorter * MaxAspectRatio;
    }

    private static ImageFormat? Sized(string type, string extension, int width, int height) =>
        width > 0 && height > 0 ? new ImageFormat(type, extension, width, height) : null;

    private static ImageFormat? WebP(ReadOnlySpan<byte> bytes)
    {
        var chunk = bytes.Slice(12, 4);
        if (chunk.SequenceEqual("VP8 "u8) && bytes[23] == 0x9D && bytes[24] == 0x01 && bytes[25] == 0x2A)
        {
            return Sized("image/webp", "webp", BinaryPrimitives.ReadUInt16LittleEndian(bytes[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(bytes[28..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8) && bytes[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(bytes[21..]);
            return Sized("image/webp", "webp", (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            var width = bytes[24] | (bytes[25] << 8) | (bytes[26] << 16);
            var height = bytes[27] | (bytes[28] << 8) | (bytes[29] << 16);
            return Sized("image/webp", "webp", width + 1, height + 1);
        }

        return null;
    }

    /// <summary>Walks the JPEG segments to the first start-of-frame, which holds the size.</summary>
    private static ImageFormat? Jpeg(ReadOnlySpan<byte> bytes)
    {
        var at = 2;
        while (at + 9 < bytes.Length)
        {
            if (bytes[at] != 0xFF)
            {
                return null;
            }

            var marker = bytes[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return Sized("image/jpeg", "jpg", BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 5)..]));
            }

            if (length < 2)
            {
                return null;
            }

            at += 2 + length;
        }

        return null;
    }
}
