namespace Bot.Core.Replies.Rendering;

/// <summary>
/// A construct of rendered text that is open where <see cref="MessagePacker"/> may cut a message: what closes it at the
/// end of one message and reopens it at the start of the next.
/// </summary>
/// <param name="Name">Which construct (a tag's name, a marker), for the <see cref="TextDialect.Advance"/> that closes it.</param>
/// <param name="Open">Reopens it at the start of the next message.</param>
/// <param name="Close">Closes it at the end of this one.</param>
/// <param name="Unbreakable">No cut may fall inside it (a link).</param>
public sealed record OpenMarkup(string Name, string Open, string Close, bool Unbreakable = false);
