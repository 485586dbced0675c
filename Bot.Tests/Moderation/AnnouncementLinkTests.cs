using Bot.Core.Moderation;
using Xunit;

namespace Bot.Tests.Moderation;

public sealed class AnnouncementLinkTests
{
    private static readonly Uri Site = new("https://pauseai.info");

    [Theory]
    [InlineData("Kom naar [Den Haag](/protests)!", "Kom naar [Den Haag](https://pauseai.info/protests)!")]
    [InlineData("[a](/faq#no-localize) en [b](/2024-may#agenda)", "[a](https://pauseai.info/faq) en [b](https://pauseai.info/2024-may#agenda)")]
    [InlineData("[x](https://example.org/a) en [m](mailto:info@pauseai.info)", "[x](https://example.org/a) en [m](mailto:info@pauseai.info)")]
    [InlineData("geen link, wel `[code](/x)` en /protests", "geen link, wel `[code](/x)` en /protests")]
    [InlineData("**vet**\n- [lijst](/join)", "**vet**\n- [lijst](https://pauseai.info/join)")]
    public void Relative_links_in_an_announcement_point_at_the_site(string markdown, string expected) =>
        Assert.Equal(expected, AnnouncementMarkdown.ResolveLinks(markdown, Site));

    [Fact]
    public void A_console_preview_links_to_the_site()
    {
        var blocks = AnnouncementMarkdown.Parse(AnnouncementMarkdown.ResolveLinks("Zie [protesten](/protests).", Site), MassMention.None);

        var text = Bot.Core.Replies.PlainText.PlainTextReplyFormatter.Format(new Bot.Core.Replies.Reply { Body = blocks });

        Assert.Equal("Zie protesten (https://pauseai.info/protests).\n", text);
    }
}
