using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Microsoft.Extensions.Options;

namespace Bot.Core.Moderation;

/// <summary>
/// Takes an announcement's image once, from a URL (<see cref="ImageFetcher"/>) or a file sent with the command,
/// checks it (PNG, JPEG, GIF or WebP by its bytes; at most <see cref="ModerationOptions.ImageMaxBytes"/>; dimensions
/// both platforms accept) and stores it (<see cref="ImageStore"/>). Every channel is sent these stored bytes.
/// </summary>
internal sealed class AnnouncementImages
{
    private readonly ImageFetcher _fetcher;
    private readonly ImageStore _store;
    private readonly long _maxBytes;

    public AnnouncementImages(ImageFetcher fetcher, ImageStore store, IOptions<ModerationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _fetcher = fetcher;
        _store = store;
        _maxBytes = options.Value.ImageMaxBytes;
    }

    /// <summary>The largest image accepted, in bytes.</summary>
    public long MaxBytes => _maxBytes;

    /// <summary>Fetches, checks and stores the image at <paramref name="url"/>.</summary>
    public async Task<(ReplyImage? Image, ImageFormat? Format, ImageProblem? Problem)> FromUrlAsync(string url, CancellationToken cancellationToken)
    {
        var (bytes, problem) = await _fetcher.FetchAsync(url, cancellationToken);
        return bytes is null ? (null, null, problem) : await KeepAsync(bytes, cancellationToken);
    }

    /// <summary>Downloads (at most the limit), checks and stores a file sent with the command.</summary>
    public async Task<(ReplyImage? Image, ImageFormat? Format, ImageProblem? Problem)> FromAttachmentAsync(CommandAttachment attachment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (attachment.Size > _maxBytes)
        {
            return (null, null, ImageProblem.TooBig);
        }

        byte[] bytes;
        try
        {
            bytes = await attachment.DownloadAsync(_maxBytes, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, null, ImageProblem.Unreachable);
        }

        return bytes.Length > _maxBytes ? (null, null, ImageProblem.TooBig) : await KeepAsync(bytes, cancellationToken);
    }

    private async Task<(ReplyImage? Image, ImageFormat? Format, ImageProblem? Problem)> KeepAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        if (ImageInspector.Inspect(bytes) is not { } format)
        {
            return (null, null, ImageProblem.NotAnImage);
        }

        if (!ImageInspector.SaneDimensions(format))
        {
            return (null, format, ImageProblem.BadDimensions);
        }

        var id = await _store.AddAsync(bytes, format.ContentType, format.Width, format.Height, cancellationToken);
        return (new ReplyImage(id, format.ContentType, "afbeelding." + format.Extension), format, null);
    }
}
