using System.Text.Json.Nodes;
using Xunit;

namespace Bot.Tests.Telegram;

/// <summary>The test checkers themselves must catch what they are there to catch.</summary>
public sealed class TelegramCheckerTests
{
    [Fact]
    public void Spec_check_catches_unknown_methods_parameters_types_and_missing_fields()
    {
        Assert.NotEmpty(TelegramSpec.Validate("sendMessages", []));
        var problems = TelegramSpec.Validate("sendMessage", new JsonObject
        {
            ["chat_id"] = 1.5,
            ["bogus"] = 1,
            ["link_preview_options"] = new JsonObject { ["is_disabled"] = "yes" },
            ["reply_markup"] = new JsonObject { ["inline_keyboard"] = new JsonArray(new JsonArray(new JsonObject { ["text"] = 3 })) },
        });

        Assert.Contains(problems, p => p.Contains("sendMessage.text: required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("sendMessage.bogus", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("sendMessage.chat_id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("sendMessage.link_preview_options", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("sendMessage.reply_markup", StringComparison.Ordinal));
        Assert.Empty(TelegramSpec.Validate("setMyCommands", new JsonObject
        {
            ["commands"] = new JsonArray(new JsonObject { ["command"] = "summit", ["description"] = "d" }),
            ["scope"] = new JsonObject { ["type"] = "all_group_chats" },
            ["language_code"] = "nl",
        }));
    }

    [Theory]
    [InlineData("<script>x</script>")]
    [InlineData("<b>open")]
    [InlineData("<b><i>x</b></i>")]
    [InlineData("a & b")]
    [InlineData("a > b")]
    [InlineData("<a href=\"/relative\">x</a>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<b onclick=\"x\">y</b>")]
    [InlineData("<code><b>x</b></code>")]
    [InlineData("<b>a <b>b</b></b>")]
    [InlineData("<a href=\"https://a.b/\"><a href=\"https://a.b/\">x</a></a>")]
    public void Html_check_catches_what_telegram_would_refuse_or_we_never_send(string html) =>
        Assert.NotEmpty(TelegramHtmlChecker.Problems(html));

    [Fact]
    public void Html_check_accepts_the_subset()
    {
        Assert.Empty(TelegramHtmlChecker.Problems("<b>a</b> <i>b</i> <s>c</s> <code>&lt;</code> <pre>&amp;</pre> <a href=\"https://x.org/?a=1&amp;b=2\">d</a> &#128512;"));
    }
}
