namespace Bot.Core.Replies.Rendering;

/// <summary>How a dialect writes a code block.</summary>
/// <param name="Open">Written before the first line (a fence or a tag).</param>
/// <param name="Close">Written after the last line.</param>
/// <param name="Indent">Put before every line of code.</param>
/// <param name="OwnLines">The opening and closing are lines of their own, starting a line (a Markdown fence).</param>
/// <param name="Verbatim">The lines go out as they are, without the indent of a list or quote around the block.</param>
public sealed record CodeBlockStyle(string Open, string Close, string Indent = "", bool OwnLines = false, bool Verbatim = false)
{
    /// <summary>Lines indented by four spaces, nothing around them.</summary>
    public static CodeBlockStyle Indented { get; } = new(string.Empty, string.Empty, "    ");
}
