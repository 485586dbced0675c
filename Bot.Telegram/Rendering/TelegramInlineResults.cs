using System.Security.Cryptography;
using System.Text;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.InlineQueryResults;

namespace Bot.Telegram.Rendering;

/// <summary>Turns the cards of command replies into inline query results, one article per card.</summary>
internal static class TelegramInlineResults
{
    /// <summary>Telegram accepts at most 50 results per answer.</summary>
    public const int MaxResults = 20;

    public static IReadOnlyList<InlineQueryResult> From(IEnumerable<Reply> replies, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(replies);
        var results = new List<InlineQueryResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var card in replies.Where(r => !r.IsError).SelectMany(r => r.Cards))
        {
            var key = card.Url?.AbsoluteUri ?? card.Title;
            if (!seen.Add(key) || results.Count >= MaxResults)
            {
                continue;
            }

            var message = TelegramReplyMapper.Map(new Reply { Cards = [card], PreviewUrl = card.Url }, language)[0];
            var content = new InputTextMessageContent(message.Html)
            {
                ParseMode = ParseMode.Html,
                LinkPreviewOptions = TelegramReplySender.Preview(message),
            };
            results.Add(new InlineQueryResultArticle(Id(key), Truncate(card.Title, 100), content)
            {
                Url = card.Url?.AbsoluteUri,
                Description = (card.Note ?? card.Footer) is { Length: > 0 } description ? Truncate(description, 200) : null,
            });
        }

        return results;
    }

    /// <summary>A stable id of at most 64 bytes.</summary>
    private static string Id(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];

    private static string Truncate(string text, int length) => text.Length > length ? text[..(length - 1)] + "…" : text;
}
