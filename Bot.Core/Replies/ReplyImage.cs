namespace Bot.Core.Replies;

/// <summary>
/// The one image a reply carries (an announcement's picture), by reference: the bytes were checked and stored
/// once, and a platform reads them (or its own upload reference) from the image store when it sends.
/// </summary>
/// <param name="Id">The stored image's id.</param>
/// <param name="ContentType">Its MIME type, from its magic bytes (<c>image/png</c>, <c>image/jpeg</c>, <c>image/gif</c>, <c>image/webp</c>).</param>
/// <param name="FileName">The name to upload it under (<c>afbeelding.png</c>).</param>
public sealed record ReplyImage(long Id, string ContentType, string FileName);
