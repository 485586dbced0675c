namespace Bot.Core.Moderation;

/// <summary>Why an announcement's image was refused.</summary>
internal enum ImageProblem
{
    /// <summary>Not an absolute <c>https</c> URL, or a redirect away from <c>https</c>.</summary>
    BadUrl,

    /// <summary>The host is (or resolves to) a loopback, private, link-local or otherwise internal address.</summary>
    PrivateAddress,

    /// <summary>Larger than the limit.</summary>
    TooBig,

    /// <summary>Not a PNG, JPEG, GIF or WebP by its bytes.</summary>
    NotAnImage,

    /// <summary>An image whose width and height the platforms refuse (too large together, or too narrow).</summary>
    BadDimensions,

    /// <summary>The server did not answer in time.</summary>
    Timeout,

    /// <summary>The server could not be reached or answered with an error.</summary>
    Unreachable,
}
