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

        var buttons = await ButtonsAsync(bot);
        Assert.Equal("Montreal Protocol", buttons[0].Text);

        // Only a token travels, so even the button whose command would not fit 64 bytes runs in full.
        Assert.All(buttons, b => Assert.Matches("^[A-Za-z0-9_-]{22}$", b.Data));
        Assert.All(buttons, b => Assert.InRange(Encoding.UTF8.GetByteCount(b.Data), 1, 64));
        bot.Api.PushUpdate(TelegramUpdates.Callback(buttons[0].Data));
        await bot.Api.WaitForAsync("sendMessage", 2);
        bot.Api.PushUpdate(TelegramUpdates.Callback(buttons[1].Data, TelegramUpdates.GroupChat, 4004));
        await bot.Api.WaitForAsync("sendMessage", 3);

        var answered = bot.Api.CallsTo("answerCallbackQuery");
        Assert.Equal(2, answered.Count);
        Assert.Equal("cb-1", answered[0].Parameters["callback_query_id"]!.GetValue<string>());
        TelegramTestHost.AssertWellFormed(answered[0]);
        Assert.Equal(["mont", "montreal", new string('é', 80)], bot.Commands["verdrag"].Requests.Select(r => r.Arguments));
        Assert.Equal(("4004", TelegramUpdates.GroupChat.ToString(System.Globalization.CultureInfo.InvariantCulture)), (bot.Commands["verdrag"].Requests.Last().User.Id, bot.Commands["verdrag"].Requests.Last().Chat.ChatId));
    }

    [Fact]
    public async Task A_press_too_old_to_answer_still_runs_its_command()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.PushUpdate(TelegramUpdates.Message("/verdrag mont", TelegramUpdates.GroupChat));
        var montreal = (await ButtonsAsync(bot))[0];
        bot.Api.Enqueue("answerCallbackQuery", FakeResponse.Error(400, "Bad Request: query is too old and response timeout expired or query ID is invalid"));
        bot.Api.PushUpdate(TelegramUpdates.Callback(montreal.Data, TelegramUpdates.GroupChat));

        var sent = (await bot.Api.WaitForAsync("sendMessage", 2))[1];

        Assert.Equal("montreal", bot.Commands["verdrag"].Requests.Last().Arguments);
        Assert.Equal(TelegramUpdates.GroupChat, sent.ChatId);
    }

    [Theory]
    [InlineData("/verdrag montreal")] // an old button's command text
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")] // a token this bot never issued
    public async Task A_button_the_bot_did_not_issue_is_answered_politely_and_runs_nothing(string data)
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.PushUpdate(TelegramUpdates.Callback(data));

        var sent = (await bot.Api.WaitForAsync("sendMessage"))[0];

        Assert.Equal("I don't know this button (any more). Please type the command again.", sent.Text);
        Assert.Empty(bot.Commands["verdrag"].Requests);
    }

    /// <summary>The buttons of the first message sent: label and callback data.</summary>
    private static async Task<List<(string Text, string Data)>> ButtonsAsync(TelegramTestHost bot)
    {
        var question = (await bot.Api.WaitForAsync("sendMessage"))[0];
        TelegramTestHost.AssertWellFormed(question);
        return question.Parameters["reply_markup"]!["inline_keyboard"]!.AsArray()
            .Select(row => row![0]!)
            .Select(b => (b["text"]!.GetValue<string>(), b["callback_data"]!.GetValue<string>()))
            .ToList();
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
