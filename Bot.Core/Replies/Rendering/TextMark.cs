namespace Bot.Core.Replies.Rendering;

/// <summary>What a dialect writes before and after a stretch of text: markers (<c>**</c>) or tags (<c>&lt;b&gt;</c>).</summary>
/// <param name="Open">Written before the text; a mark whose <paramref name="Open"/> is already open is not written again.</param>
/// <param name="Close">Written after it.</param>
public sealed record TextMark(string Open, string Close);
