using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;
using Bot.Tests.Support;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Xunit;

namespace Bot.Tests.Commands;

public sealed class HostileInputTests
{
    public static TheoryData<string> Inputs() => new(
        new string('a', 10_000),
        "seoul\u0000\u0007\u001b[31m\r\nrood",
        "**vet** <script>alert(1)</script> [link](javascript:alert(1))",
        "<b>html</b> &amp; &lt;",
        "   \t  ",
        "",
        "🏛️🇰🇷 seoul 🤖",
        "\u202Eluoes\u202C مرحبا שלום",
        "@everyone @here <@123> <@&456>",
        "%s {0} ' OR 1=1 --",
        "\uD800 lone surrogate");

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Every_command_answers_politely(string input)
    {
        foreach (var command in new[] { "summit", "verdrag", "zoek", "agenda", "help", "nope" })
        {
            foreach (var locale in new[] { "nl", "en", "", "zz-ZZ" })
            {
                var reply = await TestContent.Router.RouteAsync(TestContent.Request(command, input, locale), CancellationToken.None);
                var text = PlainTextReplyFormatter.Format(reply);

                Assert.False(string.IsNullOrWhiteSpace(text));
                Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
                Assert.True(text.Length < 20_000, $"/{command} answered {text.Length} characters");
            }
        }
    }

    [Fact]
    public async Task Echoed_user_text_stays_literal_and_is_cut_to_a_sane_length()
    {
        var reply = await TestContent.AskReplyAsync("/summit **bold** <i>x</i> @everyone " + new string('z', 5_000));

        var literals = reply.Body.OfType<LeafBlock>().SelectMany(b => b.Inline!.Descendants<LiteralInline>()).Select(l => l.Content.ToString()).ToList();
        Assert.Contains(literals, l => l.Contains("**bold** <i>x</i> @everyone", StringComparison.Ordinal));
        Assert.DoesNotContain(reply.Body.OfType<LeafBlock>().SelectMany(b => b.Inline!.Descendants<EmphasisInline>()), e => e.Descendants<LiteralInline>().Any(l => l.Content.ToString() == "bold"));
        Assert.All(literals, l => Assert.True(l.Length < 600));
    }

    [Fact]
    public async Task An_unknown_command_name_is_not_echoed_at_full_length()
    {
        var text = await TestContent.AskAsync("/" + new string('x', 300));

        Assert.True(text.Length < 150, text);
        Assert.Contains("/help", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Reply_text_never_parses_markdown()
    {
        var paragraph = ReplyText.Paragraph("*a* [b](c) <d>");

        var inline = Assert.Single(paragraph.Inline!);
        Assert.Equal("*a* [b](c) <d>", Assert.IsType<LiteralInline>(inline).Content.ToString());
    }
}
