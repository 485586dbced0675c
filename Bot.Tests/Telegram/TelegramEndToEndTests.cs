using Bot.Testing.BotApi;
using Xunit;

namespace Bot.Tests.Telegram;

/// <summary>The real core (content index, handlers, router) behind the Telegram adapter, over the fake Bot API.</summary>
public sealed class TelegramEndToEndTests
{
    [Fact]
    public async Task Every_core_command_is_answered_with_well_formed_html_in_private_chats_and_groups()
    {
        await using var bot = await TelegramTestHost.StartAsync(new() { ["Telegram:FloodBurst"] = "20" }, realCore: true);
        string[] lines = ["/summit seoul", "/verdrag montreal", "/zoek instrumentele convergentie", "/agenda", "/help", "/summit", "/summit <script>@everyone"];
        foreach (var line in lines)
        {
            bot.Api.PushUpdate(TelegramUpdates.Message(line, language: "nl"));
            var command = line.Split(' ')[0];
            bot.Api.PushUpdate(TelegramUpdates.Message(command + "@PauseBot" + line[command.Length..], TelegramUpdates.GroupChat, 2002, "en"));
        }

        bot.Api.PushUpdate(TelegramUpdates.Message("veiligheid"));
        bot.Api.PushUpdate(TelegramUpdates.Message("/zoek xyzzyprivate", language: "nl"));
        bot.Api.PushUpdate(TelegramUpdates.Message("/zoek@PauseBot xyzzygroup", TelegramUpdates.GroupChat, 2002, "en"));
        await bot.Api.WaitForAsync("sendMessage", where: c => c.Text!.Contains("xyzzyprivate", StringComparison.Ordinal));
        await bot.Api.WaitForAsync("sendMessage", where: c => c.Text!.Contains("xyzzygroup", StringComparison.Ordinal));

        var sent = bot.Api.CallsTo("sendMessage");
        Assert.All(sent, TelegramTestHost.AssertWellFormed);
        Assert.True(sent.Count(c => c.ChatId == TelegramUpdates.PrivateUser) >= lines.Length);
        Assert.True(sent.Count(c => c.ChatId == TelegramUpdates.GroupChat) >= lines.Length);
        Assert.DoesNotContain(sent, c => c.Text!.Contains("<script>", StringComparison.Ordinal) || c.Text.Contains("@everyone", StringComparison.Ordinal));
        Assert.Contains(sent, c => c.Text!.Contains("<a href=\"https://", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inline_queries_offer_summits_treaties_and_search_hits_from_the_content()
    {
        await using var bot = await TelegramTestHost.StartAsync(realCore: true);
        bot.Api.PushUpdate(TelegramUpdates.Inline("seoul"));

        var answer = (await bot.Api.WaitForAsync("answerInlineQuery"))[0];

        TelegramTestHost.AssertWellFormed(answer);
        var results = answer.Parameters["results"]!.AsArray();
        Assert.NotEmpty(results);
        Assert.Equal(results.Count, results.Select(r => r!["id"]!.GetValue<string>()).Distinct().Count());
        foreach (var result in results)
        {
            var html = result!["input_message_content"]!["message_text"]!.GetValue<string>();
            Assert.InRange(html.Length, 1, 4096);
            Assert.Empty(TelegramHtmlChecker.Problems(html));
        }

        Assert.Contains(results, r => r!["url"]!.GetValue<string>().Contains("korea", StringComparison.OrdinalIgnoreCase));
    }
}
