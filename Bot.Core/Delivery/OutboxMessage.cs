using System.Text.Json;
using Bot.Core.Replies;

namespace Bot.Core.Delivery;

/// <summary>
/// The text of a queued post, stored as JSON in the outbox so it survives restarts. It is plain
/// text (paragraphs and one link), turned into a <see cref="Reply"/> of literal nodes when sent,
/// so every platform renderer escapes it.
/// </summary>
/// <param name="Paragraphs">Plain-text paragraphs; the first is shown bold.</param>
/// <param name="When">The event's start in its local time, shown as an <see cref="Bot.Core.Events.EventTimeInline"/> after the paragraphs.</param>
/// <param name="Where">The event's location, shown after <paramref name="When"/>.</param>
/// <param name="LinkText">Text of the link, if any.</param>
/// <param name="LinkUrl">The link, if any.</param>
/// <param name="EventStartUnix">The event's start (Unix seconds), for platforms that show timestamps in the reader's own time zone.</param>
/// <param name="Markdown">A moderator's announcement as Markdown (parsed with raw HTML disabled), shown after the paragraphs.</param>
/// <param name="MassMention">The mass mention the moderator asked for explicitly; the flag that lets a platform ping.</param>
internal sealed record OutboxMessage(IReadOnlyList<string> Paragraphs, string? LinkText = null, string? LinkUrl = null, long? EventStartUnix = null, string? When = null, string? Where = null, string? Markdown = null, Bot.Core.Moderation.MassMention MassMention = Bot.Core.Moderation.MassMention.None)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The JSON stored in the outbox.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored message.</summary>
    public static OutboxMessage FromJson(string json) =>
        JsonSerializer.Deserialize<OutboxMessage>(json, Json) ?? throw new JsonException("empty outbox payload");

    /// <summary>The reply sent to the platform.</summary>
    public Reply ToReply()
    {
        var blocks = new List<Markdig.Syntax.Block>();
        for (var i = 0; i < Paragraphs.Count; i++)
        {
            blocks.Add(i == 0 ? ReplyText.Paragraph(ReplyText.Bold(Paragraphs[i])) : ReplyText.Paragraph(Paragraphs[i]));
        }

        if (Markdown is not null)
        {
            blocks.AddRange(Bot.Core.Moderation.AnnouncementMarkdown.Parse(Markdown, MassMention));
        }

        if (When is not null)
        {
            var inlines = new List<Markdig.Syntax.Inlines.Inline>
            {
                EventStartUnix is { } unix ? new Bot.Core.Events.EventTimeInline(When, DateTimeOffset.FromUnixTimeSeconds(unix)) : ReplyText.Text(When),
            };
            if (!string.IsNullOrWhiteSpace(Where))
            {
                inlines.Add(ReplyText.Text(" · " + Where));
            }

            blocks.Add(ReplyText.Paragraph([.. inlines]));
        }

        Uri? url = null;
        if (LinkUrl is not null && Uri.TryCreate(LinkUrl, UriKind.Absolute, out url))
        {
            blocks.Add(ReplyText.Paragraph(ReplyText.Link(LinkText ?? LinkUrl, url)));
        }

        return new Reply { Body = blocks, PreviewUrl = url, MassMention = Markdown is not null && MassMention != Bot.Core.Moderation.MassMention.None };
    }
}
