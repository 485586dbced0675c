using Markdig.Syntax;

namespace Bot.Core.Replies;

/// <summary>One section of content in a reply.</summary>
/// <param name="Title">Plain-text heading (struck-through words removed).</param>
/// <param name="Url">Deep link to the section on the website.</param>
/// <param name="Body">The section's blocks, shared with the content index: read only.</param>
/// <param name="Footer">Plain-text footer, usually the page title.</param>
public sealed record ReplyCard(string Title, Uri? Url, IReadOnlyList<Block> Body, string? Footer = null)
{
    /// <summary>The heading as it stands on the page (with strikethrough), when there is one.</summary>
    public HeadingBlock? Heading { get; init; }

    /// <summary>A short plain-text note shown above the body (for example "only on the English page").</summary>
    public string? Note { get; init; }
}
