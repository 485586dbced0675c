using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Replies.Rendering;
using Bot.Discord.Api;
using Markdig.Syntax;

namespace Bot.Discord.Rendering;

/// <summary>
/// Turns a <see cref="Reply"/> into Discord messages: the body as content (≤ 2,000 characters a message),
/// cards as embeds (title ≤ 256, description ≤ 4,096, footer = page title), at most 10 embeds and 6,000
/// embed characters a message, split into more messages at block boundaries when needed, choices as buttons
/// on the last message; link previews are suppressed on text-only messages full of links. Every message carries <c>allowed_mentions: {"parse": []}</c>.
/// </summary>
internal static class DiscordReplyMapper
{
    public const int MaxContent = 2000;
    public const int MaxEmbeds = 10;
    public const int MaxEmbedTotal = 6000;
    public const int MaxTitle = 256;
    public const int MaxDescription = 4096;
    public const int MaxFooter = 256;
    public const int MaxButtonLabel = 80;
    private const int MaxButtons = 25;
    private const int ButtonsPerRow = 5;

    /// <summary>Maps a reply; <paramref name="ephemeral"/> marks every message as seen only by the asker.</summary>
    public static IReadOnlyList<MessagePayload> Map(Reply reply, UiLanguage language, bool ephemeral = false)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var messages = new List<MessagePayload>();
        string? content = null;
        var embeds = new List<Embed>();
        var embedChars = 0;

        void Flush()
        {
            if (content is not null || embeds.Count > 0)
            {
                messages.Add(new MessagePayload { Content = content, Embeds = embeds.Count > 0 ? embeds.ToArray() : null });
            }

            content = null;
            embeds.Clear();
            embedChars = 0;
        }

        foreach (var chunk in MessagePacker.Pack(reply.Body.Select(DiscordMarkdown.Render), MaxContent, DiscordMarkdownDialect.Instance))
        {
            Flush();
            content = chunk;
        }

        foreach (var card in reply.Cards)
        {
            var embed = ToEmbed(card, language);
            if (embeds.Count == MaxEmbeds || embedChars + embed.Length > MaxEmbedTotal)
            {
                Flush();
            }

            embeds.Add(embed);
            embedChars += embed.Length;
        }

        Flush();
        if (messages.Count == 0)
        {
            messages.Add(new MessagePayload { Content = "…" });
        }

        var buttons = Buttons(reply.Choices);
        if (buttons is not null)
        {
            messages[^1] = messages[^1] with { Components = buttons };
        }

        var mentions = reply.MassMention ? AllowedMentions.Everyone : AllowedMentions.None;
        return messages.Select(m => m with { Flags = Flags(m, reply, ephemeral), AllowedMentions = mentions }).ToList();
    }

    /// <summary>Ephemeral when asked; link previews off on text-only messages unless the reply names one link worth previewing.</summary>
    private static int? Flags(MessagePayload message, Reply reply, bool ephemeral)
    {
        var flags = (ephemeral ? MessagePayload.EphemeralFlag : 0)
            | (message.Embeds is null && reply.PreviewUrl is null && message.Content?.Contains("](http", StringComparison.Ordinal) == true ? MessagePayload.SuppressEmbedsFlag : 0);
        return flags == 0 ? null : flags;
    }

    private static Embed ToEmbed(ReplyCard card, UiLanguage language)
    {
        var url = card.Url is { } u && DiscordMarkdown.SafeUrl(u.AbsoluteUri) is { Length: <= 2048 } safe ? safe : null;
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(card.Note))
        {
            parts.Add("*" + DiscordMarkdown.Escape(card.Note) + "*");
        }

        parts.AddRange(card.Body.Where(b => b is not HeadingBlock).Select(DiscordMarkdown.Render).Where(s => s.Length > 0));
        var description = Description(parts, url, language);
        return new Embed
        {
            Title = DiscordMarkdown.Truncate(DiscordMarkdown.Escape(card.Title), MaxTitle),
            Url = url,
            Description = description.Length > 0 ? description : null,
            Footer = string.IsNullOrWhiteSpace(card.Footer) ? null : new EmbedFooter(DiscordMarkdown.Truncate(card.Footer, MaxFooter)),
        };
    }

    /// <summary>Whole blocks up to 4,096 characters; when some are left out, a "read more" link to the page.</summary>
    private static string Description(List<string> parts, string? url, UiLanguage language)
    {
        var all = string.Join("\n\n", parts);
        if (all.Length <= MaxDescription)
        {
            return all;
        }

        var more = url is null ? "…" : $"… [{DiscordMarkdown.Escape(UiTexts.Get(language, UiText.ReadMore))}]({url})";
        var budget = MaxDescription - more.Length - 2;
        var kept = MessagePacker.Pack(parts, budget, DiscordMarkdownDialect.Instance)[0];
        return kept + "\n\n" + more;
    }

    private static Component[]? Buttons(IReadOnlyList<ReplyChoice> choices)
    {
        var buttons = choices
            .Where(c => c.Token is not null && c.Label.Length > 0)
            .Take(MaxButtons)
            .Select(c => new Component { Type = 2, Style = 2, Label = DiscordMarkdown.Truncate(c.Label, MaxButtonLabel), CustomId = c.Token })
            .ToList();
        if (buttons.Count == 0)
        {
            return null;
        }

        return buttons.Chunk(ButtonsPerRow).Select(row => new Component { Type = 1, Components = row }).ToArray();
    }
}
