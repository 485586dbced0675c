using Bot.Core.Content;
using Bot.Core.Events;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;
using Bot.Core.Replies.Rendering;
using Bot.Discord.Rendering;
using Bot.Host;
using Bot.Telegram.Rendering;
using Bot.Tests.Telegram;
using Markdig.Syntax;
using Xunit;

namespace Bot.Tests.Rendering;

/// <summary>One renderer for every platform: the same reply through each dialect, escaped and laid out as that platform needs.</summary>
public sealed class RenderingDialectTests
{
    private const string Markdown =
        "- een <b>lijst</b> & **vet**\n  - genest @everyone\n\n> citaat met [link](https://pauseai.info/a_(b)?x=1&y=2)\n\n```\nif (a < b) { @here }\n```";

    public static TheoryData<string, string> Expected => new()
    {
        {
            "plain",
            "- een lijst & vet\n  - genest @everyone\n\n> citaat met link (https://pauseai.info/a_(b)?x=1&y=2)\n\n    if (a < b) { @here }\n\n"
            + "Echo: @here <i>*x*</i> &amp; [y](https://e.vil) · @everyone · maandag 9:00"
        },
        {
            "telegram",
            "• een lijst &amp; <b>vet</b>\n   • genest @\u2060everyone\n\n┃ citaat met <a href=\"https://pauseai.info/a_(b)?x=1&amp;y=2\">link</a>\n\n<pre>if (a &lt; b) { @here }</pre>\n\n"
            + "Echo: <b>@\u2060here &lt;i&gt;*x*&lt;/i&gt; &amp;amp; [y](https://e.vil)</b> · @\u2060everyone · maandag 9:00"
        },
        {
            "discord",
            "- een lijst & **vet**\n  - genest \\@everyone\n\n> citaat met [link](https://pauseai.info/a_%28b%29?x=1&y=2)\n\n```\nif (a < b) { @here }\n```\n\n"
            + "Echo: **\\@here \\<i\\>\\*x\\*\\</i\\> &amp; \\[y\\](https://e.vil)** · @everyone · <t:1771212600:F> (<t:1771212600:R>)"
        },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void One_reply_renders_escaped_in_every_dialect_and_only_its_own_platform_shows_mentions_and_times(string dialect, string expected)
    {
        var blocks = Markdig.Markdown.Parse(Markdown, MarkdownPipelines.Pages).ToList<Block>();
        blocks.Add(ReplyText.Paragraph(
            ReplyText.Text("Echo: "),
            ReplyText.Bold("@here <i>*x*</i> &amp; [y](https://e.vil)"),
            ReplyText.Text(" · "),
            new MassMentionInline(here: false),
            ReplyText.Text(" · "),
            new EventTimeInline("maandag 9:00", new DateTimeOffset(2026, 2, 16, 3, 30, 0, TimeSpan.Zero))));

        var text = MessageTextRenderer.Render(blocks, Dialect(dialect));

        Assert.Equal(expected, text);
        if (dialect == "telegram")
        {
            Assert.Empty(TelegramHtmlChecker.Problems(text));
        }
    }

    [Fact]
    public void Bold_inside_bold_is_not_written_twice()
    {
        var blocks = Markdig.Markdown.Parse("## De **grote** top\n\n**a __b__ c**", MarkdownPipelines.Pages).ToList();

        Assert.Equal("**De grote top**\n\n**a b c**", MessageTextRenderer.Render(blocks, DiscordMarkdownDialect.Instance));
        Assert.Equal("<b>De grote top</b>\n\n<b>a b c</b>", MessageTextRenderer.Render(blocks, TelegramHtmlDialect.Instance));
        Assert.Equal("De grote top\n\na b c", MessageTextRenderer.Render(blocks, PlainTextDialect.Instance));
    }

    [Fact]
    public async Task The_console_writes_the_whole_reply_as_plain_text_with_links_as_text_and_url()
    {
        using var output = new StringWriter();
        var messenger = new ConsoleMessenger(output);
        var reply = Reply.FromBlocks(
            ReplyText.Paragraph(ReplyText.Bold("Protest"), ReplyText.Text(" morgen")),
            ReplyText.Paragraph(ReplyText.Text("Zie "), ReplyText.Link("de site", new Uri("https://pauseai.info/protests"))));

        await messenger.SendAsync(ConsolePlatform.Chat, reply, CancellationToken.None);

        Assert.Equal("Protest morgen\n\nZie de site (https://pauseai.info/protests)\n", output.ToString());
    }

    private static TextDialect Dialect(string name) => name switch
    {
        "telegram" => TelegramHtmlDialect.Instance,
        "discord" => DiscordMarkdownDialect.Instance,
        _ => PlainTextDialect.Instance,
    };
}
