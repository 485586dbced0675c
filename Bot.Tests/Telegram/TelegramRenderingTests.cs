using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Replies.Rendering;
using Bot.Telegram;
using Bot.Telegram.Rendering;
using Markdig;
using Xunit;

namespace Bot.Tests.Telegram;

public sealed class TelegramRenderingTests
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    public static TheoryData<string, string> Examples => new()
    {
        { "# Seoul summit", "<b>Seoul summit</b>" },
        { "## The **big** *one*", "<b>The big <i>one</i></b>" },
        { "***both*** and **a *b* c**", "<i><b>both</b></i> and <b>a <i>b</i> c</b>" },
        { "**bold** *italic* ~~gone~~ `a<b`", "<b>bold</b> <i>italic</i> <s>gone</s> <code>a&lt;b</code>" },
        { "[the treaty](https://pauseai.info/treaty?a=1&b=2)", "<a href=\"https://pauseai.info/treaty?a=1&amp;b=2\">the treaty</a>" },
        { "[relative](/proposal) stays text", "relative stays text" },
        { "![image](https://pauseai.info/x.png)", "image" },
        { "- one\n- two\n  - nested\n    - deeper", "• one\n• two\n   • nested\n      • deeper" },
        { "1. first\n2. second", "1. first\n2. second" },
        { "a < b & c > d", "a &lt; b &amp; c &gt; d" },
        { "<div>raw html</div>", string.Empty },
        { "text <span>inline</span> html", "text inline html" },
        { "```\nif (a < b) {}\n```", "<pre>if (a &lt; b) {}</pre>" },
        { "see https://pauseai.info now", "see <a href=\"https://pauseai.info/\">https://pauseai.info</a> now" },
        { "| A | B |\n|---|---|\n| 1 | 2 |", "<b>A</b> | <b>B</b>\n1 | 2" },
        { "line one\nline two", "line one line two" },
        { "hey @everyone and me@example.org", "hey @\u2060everyone and me@example.org" },
        { "&amp; &copy;", "&amp; ©" },
        { "> quoted **text**", "┃ quoted <b>text</b>" },
        { "`@everyone \"q\" <x>`", "<code>@everyone \"q\" &lt;x&gt;</code>" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Markdown_renders_as_telegram_html(string markdown, string expected)
    {
        var html = string.Join("\n\n", Markdown.Parse(markdown, Pipeline).Select(b => MessageTextRenderer.Render([b], TelegramHtmlDialect.Instance)).Where(h => h.Length > 0));

        Assert.Equal(expected, html);
        Assert.Empty(TelegramHtmlChecker.Problems(html));
    }

    [Fact]
    public void Literal_text_is_never_markup()
    {
        var reply = Reply.FromBlocks(ReplyText.Paragraph(ReplyText.Bold("<a href=\"javascript:x\">"), ReplyText.Text(" </b> &lt;")));

        var message = Assert.Single(TelegramReplyMapper.Map(reply, UiLanguage.Nl));

        Assert.Equal("<b>&lt;a href=\"javascript:x\"&gt;</b> &lt;/b&gt; &amp;lt;", message.Html);
    }

    [Fact]
    public void Card_has_linked_bold_title_italic_note_body_and_link_line()
    {
        var card = new ReplyCard("Top <Seoul>", new Uri("https://pauseai.info/summit#seoul"), [.. Markdown.Parse("Body *text*.", Pipeline)], "Summits") { Note = "Alleen in het Engels" };

        var message = Assert.Single(TelegramReplyMapper.Map(new Reply { Cards = [card], PreviewUrl = card.Url }, UiLanguage.Nl));

        Assert.Equal(
            "<b><a href=\"https://pauseai.info/summit#seoul\">Top &lt;Seoul&gt;</a></b>\n<i>Alleen in het Engels</i>\n\nBody <i>text</i>.\n\n→ <a href=\"https://pauseai.info/summit#seoul\">Lees verder</a> · <i>Summits</i>",
            message.Html);
        Assert.Equal(card.Url, message.PreviewUrl);
    }

    [Fact]
    public void Several_cards_get_no_link_preview()
    {
        var card = new ReplyCard("A", new Uri("https://pauseai.info/a"), []);
        var messages = TelegramReplyMapper.Map(new Reply { Cards = [card, card with { Title = "B" }], PreviewUrl = card.Url }, UiLanguage.En);

        Assert.All(messages, m => Assert.Null(m.PreviewUrl));
    }

    [Fact]
    public void Long_replies_split_between_blocks_and_oversized_blocks_without_breaking_tags_or_links()
    {
        var blocks = new List<Markdig.Syntax.Block>();
        for (var i = 0; i < 30; i++)
        {
            blocks.Add(ReplyText.Paragraph(ReplyText.Text($"Paragraph {i} "), ReplyText.Link("link " + i, new Uri($"https://pauseai.info/{i}")), ReplyText.Text(new string('x', 200))));
        }

        blocks.Add(ReplyText.Paragraph(ReplyText.Italic(string.Concat(Enumerable.Repeat("lang & <woord> ", 1000)))));
        var messages = TelegramReplyMapper.Map(new Reply { Body = blocks }, UiLanguage.Nl, limit: 1000);

        Assert.True(messages.Count > 10);
        foreach (var message in messages)
        {
            Assert.InRange(message.Html.Length, 1, 1000);
            Assert.Empty(TelegramHtmlChecker.Problems(message.Html));
        }

        var all = string.Join("\n\n", messages.Select(m => m.Html));
        for (var i = 0; i < 30; i++)
        {
            Assert.Contains($"<a href=\"https://pauseai.info/{i}\">link {i}</a>", all, StringComparison.Ordinal);
        }

        Assert.Equal(1000, CountOf(all, "&lt;woord&gt;"));
        Assert.Equal(1000, CountOf(all, "lang"));
    }

    [Fact]
    public void Splitter_reopens_tags_and_never_cuts_an_entity_or_surrogate_pair()
    {
        var html = "<b>" + string.Concat(Enumerable.Repeat("😀&amp;", 300)) + "</b>";

        var pieces = MessagePacker.Split(html, 100, TelegramHtmlDialect.Instance);

        Assert.All(pieces, p =>
        {
            Assert.InRange(p.Length, 1, 100);
            Assert.StartsWith("<b>", p, StringComparison.Ordinal);
            Assert.EndsWith("</b>", p, StringComparison.Ordinal);
            Assert.Empty(TelegramHtmlChecker.Problems(p));
            Assert.False(char.IsHighSurrogate(p[^5]));
        });
        Assert.Equal(300, pieces.Sum(p => CountOf(p, "😀")));
        Assert.Equal(300, pieces.Sum(p => CountOf(p, "&amp;")));
    }

    [Fact]
    public void A_button_carries_only_its_token_and_a_choice_without_one_is_no_button()
    {
        var message = new TelegramMessage("Welke?", null, [new ReplyChoice("Seoul", "summit", new string('ë', 100)) { Token = "tok_en-1" }, new ReplyChoice("not issued", "summit", "x")]);

        var button = Assert.Single(TelegramReplySender.Keyboard(message)!.InlineKeyboard.SelectMany(row => row));

        Assert.Equal(("Seoul", "tok_en-1"), (button.Text, button.CallbackData));
        Assert.Null(TelegramReplySender.Keyboard(message with { Choices = [new ReplyChoice("not issued", "summit", "x")] }));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
