namespace Bot.Core.Commands;

/// <summary>
/// A file that came with a command (a photo posted with the command as its caption). The platform downloads it
/// only when the command asks for it, and never more than the caller allows.
/// </summary>
/// <param name="FileName">The name it was sent under, for messages; may be empty.</param>
/// <param name="Size">Its size in bytes as the platform reported it, when it did.</param>
/// <param name="DownloadAsync">
/// Downloads at most the given number of bytes plus one (so a caller sees that it is too big) and returns them.
/// </param>
public sealed record CommandAttachment(string FileName, long? Size, Func<long, CancellationToken, Task<byte[]>> DownloadAsync);
