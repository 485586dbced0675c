using System.Text.RegularExpressions;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;
using Bot.Core.Replies.Rendering;
using Bot.Discord.Rendering;
using Bot.Telegram.Rendering;
using Bot.Tests.Telegram;
using Markdig.Syntax;
using Xunit;

namespace Bot.Tests.Rendering;

/// <summary>One packer for every platform: whole blocks while they fit, then a line, a word, a hard cut; never inside a construct.</summary>
public sealed partial class MessagePackerTests
{
    [Fact]
    public void Whole_blocks_go_together_while_they_fit()
    {
        var texts = MessagePacker.Pack(["aaaa", " ", "bbbb", "cccc"], 10, PlainTextDialect.Instance);

        Assert.Equal(["aaaa\n\nbbbb", "cccc"], texts);
    }

    [Theory]
    [InlineData("first line here\nsecond line that is long", 20, new[] { "first line here", "second line that is", "long" })]
    [InlineData("one two three four five six", 12, new[] { "one two", "three four", "five six" })]
    [InlineData("abcdefghij", 4, new[] { "abcd", "efgh", "ij" })]
    [InlineData("😀😀😀", 3, new[] { "😀", "😀", "😀" })]
    public void A_block_too_long_is_cut_at_a_line_then_a_word_then_anywhere_but_inside_a_character(string text, int limit, string[] expected) =>
        Assert.Equal(expected, MessagePacker.Pack([text], limit, PlainTextDialect.Instance));

    [Fact]
    public void Telegram_parts_stay_under_the_limit_with_tags_balanced_and_no_entity_or_link_cut()
    {
        var html = "<b>" + string.Concat(Enumerable.Repeat("a&amp;b <i>c&lt;d</i> ", 40))
            + "<a href=\"https://pauseai.info/x?a=1&amp;b=2\">een lange linktekst</a> " + string.Concat(Enumerable.Repeat("&amp;", 30)) + "</b>";

        var parts = MessagePacker.Pack([html], 100, TelegramHtmlDialect.Instance);

        Assert.True(parts.Count > 5);
        Assert.All(parts, p =>
        {
            Assert.InRange(p.Length, 1, 100);
            Assert.Empty(TelegramHtmlChecker.Problems(p));
            Assert.StartsWith("<b>", p, StringComparison.Ordinal);
            Assert.EndsWith("</b>", p, StringComparison.Ordinal);
        });
        Assert.Equal(40 + 1 + 30, parts.Sum(p => Count(p, "&amp;")));
        Assert.Equal(40, parts.Sum(p => Count(p, "c&lt;d")));
        Assert.Single(parts, p => p.Contains("<a href=\"https://pauseai.info/x?a=1&amp;b=2\">een lange linktekst</a>", StringComparison.Ordinal));
    }

    [Fact]
    public void Discord_parts_close_and_reopen_emphasis_and_never_cut_an_escape_or_a_link()
    {
        var link = "[de \\[link\\] tekst](https://pauseai.info/a_%28b%29)";
        var markdown = DiscordMarkdown.Render([ReplyText.Paragraph(
            ReplyText.Bold(string.Concat(Enumerable.Repeat("vet_*woord* ", 30))),
            ReplyText.Text(" "),
            ReplyText.Link("de [link] tekst", new Uri("https://pauseai.info/a_(b)")),
            ReplyText.Text(" en ~~weg~~ " + string.Concat(Enumerable.Repeat("\\", 60))))]);

        var parts = MessagePacker.Split(markdown, 80, DiscordMarkdownDialect.Instance);

        Assert.True(parts.Count > 5);
        Assert.All(parts, p =>
        {
            Assert.InRange(p.Length, 1, 80);
            var unescaped = Escape().Replace(p, string.Empty);
            Assert.True(Count(unescaped, "**") % 2 == 0, p);
            Assert.DoesNotContain("\\", unescaped, StringComparison.Ordinal);
            Assert.True(!unescaped.Contains('[', StringComparison.Ordinal) || p.Contains(link, StringComparison.Ordinal), p);
        });
        Assert.Equal(30, parts.Sum(p => Count(p, "vet\\_\\*woord\\*")));
        Assert.Equal(60, parts.Sum(p => Count(p, "\\\\")));
    }

    [Fact]
    public void Discord_parts_of_a_long_code_block_each_have_the_fence_with_its_language()
    {
        var lines = Enumerable.Range(0, 20).Select(i => $"x{i} = `a` ``` b;").ToList();
        var markdown = DiscordMarkdown.Render(MarkdownBlocks("```js\n" + string.Join("\n", lines) + "\n```"));

        var parts = MessagePacker.Split(markdown, 100, DiscordMarkdownDialect.Instance);

        Assert.True(parts.Count > 3);
        Assert.All(parts, p =>
        {
            Assert.InRange(p.Length, 1, 100);
            Assert.StartsWith("```js\n", p, StringComparison.Ordinal);
            Assert.EndsWith("\n```", p, StringComparison.Ordinal);
            Assert.Equal(2, Count(p, "```"));
        });
        Assert.Equal(lines.Select(l => l.Replace("```", "`\u200b``", StringComparison.Ordinal)), parts.SelectMany(p => p.Split('\n')[1..^1]));
    }

    [Fact]
    public void The_same_reply_always_gives_the_same_parts()
    {
        var paragraphs = Enumerable.Range(1, 3).Select(i => ReplyText.Paragraph($"Deel {i}: " + new string('x', 3000))).ToArray<Block>();
        var reply = Reply.FromBlocks(paragraphs);

        var telegram = TelegramReplyMapper.Map(reply, UiLanguage.Nl).Select(m => m.Html).ToList();
        var discord = DiscordReplyMapper.Map(reply, UiLanguage.Nl).Select(m => m.Content).ToList();

        Assert.Equal(3, telegram.Count);
        Assert.Equal(telegram, TelegramReplyMapper.Map(reply, UiLanguage.Nl).Select(m => m.Html));
        // "Deel 1:" goes alone: a cut at its space comes before a hard cut, here through a word of 3,000 x's.
        Assert.Equal(["Deel 1:", "x×2000", "x×1000\n\nDeel 2:", "x×2000", "x×1000\n\nDeel 3:", "x×2000", "x×1000"], discord.Select(Runs));
        Assert.Equal(discord, DiscordReplyMapper.Map(reply, UiLanguage.Nl).Select(m => m.Content));
    }

    /// <summary>Runs of x as their length: <c>x×2000</c>.</summary>
    private static string Runs(string? text) => XRun().Replace(text ?? string.Empty, m => $"x×{m.Length}");

    private static List<Block> MarkdownBlocks(string markdown) =>
        Markdig.Markdown.Parse(markdown, Bot.Core.Content.MarkdownPipelines.Pages).ToList();

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex(@"\\.")]
    private static partial Regex Escape();

    [GeneratedRegex("x+")]
    private static partial Regex XRun();
}
