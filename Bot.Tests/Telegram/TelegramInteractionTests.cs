using System.Net;
using System.Text;
using Bot.Telegram;
using Bot.Testing.BotApi;
using Xunit;

namespace Bot.Tests.Telegram;

public sealed class TelegramInteractionTests
{
    [Fact]
    public async Task Choices_become_buttons_whose_press_runs_the_command_and_is_answered()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.PushUpdate(TelegramUpdates.Message("/verdrag mont"));

        var question = (await bot.Api.WaitForAsync("sendMessage"))[0];
        TelegramTestHost.AssertWellFormed(question);
        var buttons = question.Parameters["reply_markup"]!["inline_keyboard"]!.AsArray().Select(row => row![0]!).ToList();
        Assert.Equal("Montreal Protocol", buttons[0]["text"]!.GetValue<string>());
        Assert.Equal("/verdrag montreal", buttons[0]["callback_data"]!.GetValue<string>());
        Assert.InRange(Encoding.UTF8.GetByteCount(buttons[1]["callback_data"]!.GetValue<string>()), 1, 64);

        bot.Api.PushUpdate(TelegramUpdates.Callback("/verdrag montreal"));
        await bot.Api.WaitForAsync("sendMessage", 2);

        var answered = Assert.Single(bot.Api.CallsTo("answerCallbackQuery"));
        Assert.Equal("cb-1", answered.Parameters["callback_query_id"]!.GetValue<string>());
        TelegramTestHost.AssertWellFormed(answered);
        Assert.Equal(["mont", "montreal"], bot.Commands["verdrag"].Requests.Select(r => r.Arguments));
    }

    [Fact]
    public async Task A_press_too_old_to_answer_still_runs_its_command()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.Enqueue("answerCallbackQuery", FakeResponse.Error(400, "Bad Request: query is too old and response timeout expired or query ID is invalid"));
        bot.Api.PushUpdate(TelegramUpdates.Callback("/zoek late", TelegramUpdates.GroupChat));

        var sent = (await bot.Api.WaitForAsync("sendMessage"))[0];

        Assert.Equal("Search: late", sent.Text);
        Assert.Equal(TelegramUpdates.GroupChat, sent.ChatId);
    }

    [Fact]
    public async Task Inline_query_offers_cards_as_articles()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.PushUpdate(TelegramUpdates.Inline("seoul"));

        var answer = (await bot.Api.WaitForAsync("answerInlineQuery"))[0];

        TelegramTestHost.AssertWellFormed(answer);
        Assert.Equal("iq-1", answer.Parameters["inline_query_id"]!.GetValue<string>());
        var result = Assert.Single(answer.Parameters["results"]!.AsArray())!;
        Assert.Equal("article", result["type"]!.GetValue<string>());
        Assert.Equal("AI Safety Summit Seoul", result["title"]!.GetValue<string>());
        var html = result["input_message_content"]!["message_text"]!.GetValue<string>();
        Assert.Empty(TelegramHtmlChecker.Problems(html));
        Assert.Contains("Lees verder", html, StringComparison.Ordinal);
        Assert.Equal("seoul", Assert.Single(bot.Commands["summit"].Requests).Arguments);
        Assert.Equal("seoul", Assert.Single(bot.Commands["zoek"].Requests).Arguments);
    }

    [Fact]
    public async Task Webhook_mode_sets_the_webhook_and_checks_the_secret_header()
    {
        await using var bot = await TelegramTestHost.StartAsync(
            new()
            {
                ["Telegram:Mode"] = "Webhook",
                ["Telegram:WebhookUrl"] = "https://bot.example.org/telegram/hook",
                ["Telegram:WebhookSecret"] = "s3cret_value-1",
            },
            webhook: true);
        var set = Assert.Single(bot.Api.CallsTo("setWebhook"));
        TelegramTestHost.AssertWellFormed(set);
        Assert.Equal("https://bot.example.org/telegram/hook", set.Parameters["url"]!.GetValue<string>());
        Assert.Equal("s3cret_value-1", set.Parameters["secret_token"]!.GetValue<string>());
        Assert.Empty(bot.Api.CallsTo("getUpdates"));

        using var http = new HttpClient { BaseAddress = bot.WebAddress };
        async Task<HttpStatusCode> PostAsync(string? secret, string text)
        {
            var update = TelegramUpdates.Message(text);
            update["update_id"] = 1;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/hook") { Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json") };
            if (secret is not null)
            {
                request.Headers.Add(TelegramWebhookEndpoint.SecretHeader, secret);
            }

            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(null, "/zoek missing"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync("s3cret_value-2", "/zoek wrong"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync("s3cret_value-1", "/zoek right"));

        var sent = Assert.Single(bot.Api.CallsTo("sendMessage"));
        Assert.Equal("Search: right", sent.Text);
    }
}
