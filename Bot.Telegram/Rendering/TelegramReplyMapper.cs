using System.Text;
using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Replies.Rendering;
using Markdig.Syntax;

namespace Bot.Telegram.Rendering;

/// <summary>
/// Turns a platform-neutral <see cref="Reply"/> into Telegram messages: the body, then each card
/// (bold linked title, note in italics, body, link line), packed at block boundaries into messages
/// under the 4,096-character limit.
/// </summary>
internal static class TelegramReplyMapper
{
    /// <summary>Renders a reply; the last message carries the reply's choices.</summary>
    public static IReadOnlyList<TelegramMessage> Map(Reply reply, UiLanguage language, int limit = TelegramHtml.MaxMessageLength)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var pieces = new List<string>();
        AddBlocks(pieces, reply.Body);
        foreach (var card in reply.Cards)
        {
            pieces.AddRange(RenderCard(card, language));
        }

        var texts = MessagePacker.Pack(pieces, limit, TelegramHtmlDialect.Instance);
        if (texts.Count == 0 && reply.Choices.Count > 0)
        {
            texts.Add("…");
        }

        var preview = texts.Count == 1 && reply.Cards.Count <= 1 ? reply.PreviewUrl : null;
        var messages = new List<TelegramMessage>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            messages.Add(new TelegramMessage(texts[i], preview, i == texts.Count - 1 ? reply.Choices : []));
        }

        return messages;
    }

    /// <summary>The pieces of one card: header, body blocks, link line.</summary>
    public static IReadOnlyList<string> RenderCard(ReplyCard card, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(card);
        var pieces = new List<string>();
        var header = new StringBuilder("<b>");
        header.Append(card.Url is not null && TelegramHtml.IsLinkable(card.Url.OriginalString, out var url)
            ? TelegramHtml.Link(url, card.Title)
            : TelegramHtml.Escape(card.Title));
        header.Append("</b>");
        if (!string.IsNullOrWhiteSpace(card.Note))
        {
            header.Append('\n').Append("<i>").Append(TelegramHtml.Escape(card.Note)).Append("</i>");
        }

        pieces.Add(header.ToString());
        AddBlocks(pieces, card.Body);
        var footer = new StringBuilder();
        if (card.Url is not null && TelegramHtml.IsLinkable(card.Url.OriginalString, out var more))
        {
            footer.Append("→ ").Append(TelegramHtml.Link(more, UiTexts.Get(language, UiText.ReadMore)));
        }

        if (!string.IsNullOrWhiteSpace(card.Footer))
        {
            footer.Append(footer.Length > 0 ? " · " : string.Empty).Append("<i>").Append(TelegramHtml.Escape(card.Footer)).Append("</i>");
        }

        if (footer.Length > 0)
        {
            pieces.Add(footer.ToString());
        }

        return pieces;
    }

    /// <summary>Each block apart, so the packer cuts between blocks; it leaves out those rendered as nothing.</summary>
    private static void AddBlocks(List<string> pieces, IEnumerable<Block> blocks) =>
        pieces.AddRange(blocks.Select(b => MessageTextRenderer.Render([b], TelegramHtmlDialect.Instance)));
}
