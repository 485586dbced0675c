using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Discord.Rendering;
using Bot.Tests.Discord.Support;
using Bot.Tests.Support;
using Markdig;
using Xunit;

namespace Bot.Tests.Discord;

/// <summary>Markdown in, Discord Markdown out (example files), and the reply → message mapping within Discord's limits.</summary>
public sealed class DiscordRendererTests
{
    public static TheoryData<string> Examples() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Examples", "discord"), "*.md").Select(Path.GetFileNameWithoutExtension).Order()!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Renders_the_example_as_expected(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Examples", "discord");
        var document = Markdown.Parse(File.ReadAllText(Path.Combine(folder, name + ".md")), Bot.Core.Content.MarkdownPipelines.Pages);
        var expected = File.ReadAllText(Path.Combine(folder, name + ".discord.txt")).ReplaceLineEndings("\n");

        Assert.Equal(expected, DiscordMarkdown.Render(document.ToList()));
    }

    [Theory]
    [InlineData("@everyone", "\\@everyone")]
    [InlineData("<@123> <#9> <:e:1>", "\\<\\@123\\> \\<\\#9\\> \\<:e:1\\>")]
    [InlineData("a_b *c* ~~d~~ `e` |f| \\g", "a\\_b \\*c\\* \\~\\~d\\~\\~ \\`e\\` \\|f\\| \\\\g")]
    [InlineData("- lijst", "\\- lijst")]
    [InlineData("AI-top en 2024. jaar", "AI-top en 2024. jaar")]
    [InlineData("2024. Seoul", "2024\\. Seoul")]
    [InlineData("[x](https://e.vil)", "\\[x\\](https://e.vil)")]
    public void Escapes_literal_text_so_it_shows_as_written(string text, string expected) =>
        Assert.Equal(expected, DiscordMarkdown.Escape(text));

    [Fact]
    public void Event_times_become_discord_timestamps_that_each_reader_sees_in_their_own_zone()
    {
        var start = new DateTimeOffset(2026, 2, 16, 3, 30, 0, TimeSpan.Zero);
        var paragraph = ReplyText.Paragraph(ReplyText.Text("Start: "), new Bot.Core.Events.EventTimeInline("maandag 16 februari 2026 09:00 (Asia/Kolkata)", start));

        var text = DiscordMarkdown.Render([paragraph]);

        Assert.Equal("Start: <t:1771212600:F> (<t:1771212600:R>)", text.TrimEnd());
    }

    [Fact]
    public void Bot_text_built_with_ReplyText_is_escaped_but_keeps_its_own_markup()
    {
        var paragraph = ReplyText.Paragraph(ReplyText.Bold("**niet vet** @here"), ReplyText.Text(" en "), ReplyText.Link("een [link]", new Uri("https://pauseai.info/a b")));
        Assert.Equal("**\\*\\*niet vet\\*\\* \\@here** en [een \\[link\\]](https://pauseai.info/a%20b)", DiscordMarkdown.Render([paragraph]));
    }

    [Fact]
    public void Cards_become_embeds_within_every_limit_and_split_over_messages()
    {
        var longBody = MarkdownBlocks.Parse(string.Join("\n\n", Enumerable.Range(0, 60).Select(i => $"Alinea {i}: " + new string('x', 100))));
        var cards = Enumerable.Range(0, 12)
            .Select(i => new ReplyCard(new string('T', 300) + i, new Uri($"https://pauseai.info/summit#s{i}"), longBody, "AI-toppen") { Note = i == 0 ? "Alleen in het Engels" : null })
            .ToList();
        var reply = new Reply { Body = [ReplyText.Paragraph(new string('b', 2500))], Cards = cards };

        var messages = DiscordReplyMapper.Map(reply, UiLanguage.Nl);

        Assert.Equal(12, messages.Sum(m => m.Embeds?.Count ?? 0));
        foreach (var message in messages)
        {
            Assert.Same(Bot.Discord.Api.AllowedMentions.None, message.AllowedMentions);
            Assert.InRange(message.Content?.Length ?? 0, 0, 2000);
            Assert.InRange(message.Embeds?.Count ?? 0, 0, 10);
            Assert.InRange(message.Embeds?.Sum(e => e.Length) ?? 0, 0, 6000);
            foreach (var embed in message.Embeds ?? [])
            {
                Assert.InRange(embed.Title!.Length, 1, 256);
                Assert.InRange(embed.Description!.Length, 1, 4096);
                Assert.EndsWith($"[Lees verder]({embed.Url})", embed.Description, StringComparison.Ordinal);
            }
        }

        Assert.Equal(new string('b', 2000), messages[0].Content);
        Assert.StartsWith("*Alleen in het Engels*\n\nAlinea 0:", messages.SelectMany(m => m.Embeds ?? []).First().Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_are_ephemeral_and_choices_become_rows_of_at_most_five_buttons_that_carry_their_token()
    {
        var choices = Enumerable.Range(0, 30).Select(i => new ReplyChoice("Top " + i, "summit", "top-" + i) { Token = "token-" + i }).Prepend(new ReplyChoice("not issued", "summit", "x"));
        var reply = new Reply { Body = [ReplyText.Paragraph("Welke?")], Choices = choices.ToList(), IsError = true };

        var message = Assert.Single(DiscordReplyMapper.Map(reply, UiLanguage.En, ephemeral: true));

        Assert.Equal(64, message.Flags);
        Assert.Equal(5, message.Components!.Count);
        Assert.All(message.Components, row => Assert.InRange(row.Components!.Count, 1, 5));
        var ids = message.Components.SelectMany(r => r.Components!).Select(b => b.CustomId!).ToList();
        Assert.Equal(25, ids.Count);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => "token-" + i), ids);
    }

    [Fact]
    public void Text_messages_full_of_links_get_no_previews_unless_the_reply_names_one()
    {
        var links = ReplyText.Paragraph(ReplyText.Link("een", new Uri("https://pauseai.info/a")), ReplyText.Text(" "), ReplyText.Link("twee", new Uri("https://pauseai.info/b")));
        var quiet = Assert.Single(DiscordReplyMapper.Map(Reply.FromBlocks(links), UiLanguage.Nl));
        Assert.Equal(4, quiet.Flags);
        var quietEphemeral = Assert.Single(DiscordReplyMapper.Map(Reply.FromBlocks(links), UiLanguage.Nl, ephemeral: true));
        Assert.Equal(68, quietEphemeral.Flags);
        var preview = Assert.Single(DiscordReplyMapper.Map(Reply.FromBlocks(links) with { PreviewUrl = new Uri("https://pauseai.info/a") }, UiLanguage.Nl));
        Assert.Null(preview.Flags);
        var plain = Assert.Single(DiscordReplyMapper.Map(Reply.FromBlocks(ReplyText.Paragraph("geen links")), UiLanguage.Nl));
        Assert.Null(plain.Flags);
    }

    [Fact]
    public void The_seed_summit_page_renders_within_limits()
    {
        var files = Directory.GetFiles(TestPaths.Content, "*.md", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var blocks = Markdown.Parse(File.ReadAllText(file), Bot.Core.Content.MarkdownPipelines.Pages).ToList();
            var messages = DiscordReplyMapper.Map(new Reply { Body = blocks }, UiLanguage.Nl);
            Assert.All(messages, m => Assert.InRange(m.Content!.Length, 1, 2000));
            Assert.DoesNotContain(messages, m => m.Content!.Contains("<div", StringComparison.Ordinal) || m.Content.Contains("<script", StringComparison.Ordinal));
        }
    }
}
