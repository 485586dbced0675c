using System.Buffers.Binary;
using System.Text;

namespace Bot.Tests.Images;

/// <summary>Small images of each format, built byte by byte (the bot reads only their headers; the fakes do not decode them).</summary>
internal static class TestImages
{
    /// <summary>A PNG signature and IHDR of <paramref name="width"/> × <paramref name="height"/>, padded to <paramref name="size"/> bytes.</summary>
    public static byte[] Png(int width = 600, int height = 400, int size = 2048)
    {
        var bytes = new byte[Math.Max(size, 33)];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }.CopyTo(bytes, 0);
        "IHDR"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        bytes[24] = 8;
        bytes[25] = 6;
        for (var i = 33; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 7);
        }

        return bytes;
    }

    /// <summary>A JPEG with an APP0 segment, then a baseline start-of-frame.</summary>
    public static byte[] Jpeg(int width = 800, int height = 600)
    {
        var bytes = new List<byte> { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 };
        bytes.AddRange("JFIF\0"u8.ToArray());
        bytes.AddRange(new byte[9]);
        bytes.AddRange([0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03]);
        bytes.AddRange(new byte[9]);
        bytes.AddRange([0xFF, 0xD9]);
        return [.. bytes];
    }

    public static byte[] Gif(int width = 320, int height = 200)
    {
        var bytes = new byte[32];
        "GIF89a"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)height);
        return bytes;
    }

    /// <summary>An extended WebP (VP8X), whose header stores width − 1 and height − 1 in 24 bits each.</summary>
    public static byte[] WebP(int width = 1200, int height = 630)
    {
        var bytes = new byte[40];
        "RIFF"u8.CopyTo(bytes);
        "WEBPVP8X"u8.CopyTo(bytes.AsSpan(8));
        bytes[16] = 10;
        WriteUInt24(bytes.AsSpan(24), width - 1);
        WriteUInt24(bytes.AsSpan(27), height - 1);
        return bytes;
    }

    /// <summary>An HTML page, as a server may send for a URL ending in .png.</summary>
    public static byte[] HtmlPage() => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Not found</body></html>");

    private static void WriteUInt24(Span<byte> target, int value)
    {
        target[0] = (byte)value;
        target[1] = (byte)(value >> 8);
        target[2] = (byte)(value >> 16);
    }
}
