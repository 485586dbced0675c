using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Telegram;
using Bot.Testing.BotApi;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bot.Tests.Telegram;

public sealed class TelegramRobustnessTests
{
    [Fact]
    public async Task Too_many_requests_waits_retry_after_on_the_time_provider_then_retries()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.Enqueue("sendMessage", FakeResponse.Error(429, "Too Many Requests: retry after 5", retryAfter: 5));
        bot.Api.PushUpdate(TelegramUpdates.Message("/zoek x"));

        await bot.Api.WaitForAsync("sendMessage");
        Assert.Equal(TimeSpan.FromSeconds(5), await bot.Time.NextTimerAsync());
        bot.Time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Single(bot.Api.CallsTo("sendMessage"));
        bot.Time.Advance(TimeSpan.FromSeconds(0.1));

        var sent = await bot.Api.WaitForAsync("sendMessage", 2);
        Assert.Equal("Search: x", sent[1].Text);
    }

    [Fact]
    public async Task An_answers_429_is_kept_by_the_shared_limiter_so_reminders_to_that_chat_wait_too()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.Enqueue("sendMessage", FakeResponse.Error(429, "Too Many Requests: retry after 5", retryAfter: 5));
        bot.Api.PushUpdate(TelegramUpdates.Message("/zoek x", chatId: 7, userId: 7));
        await bot.Api.WaitForAsync("sendMessage");
        Assert.Equal(TimeSpan.FromSeconds(5), await bot.Time.NextTimerAsync());

        // The limiter, which reminders and announcements share, holds that chat back; other chats go.
        var limiter = bot.Host.Services.GetRequiredService<DeliveryRateLimiter>();
        Assert.Equal(TimeSpan.FromSeconds(5), limiter.WaitFor(new ChatAddress(TelegramPlatform.Id, "7", ChatKind.Private)));
        Assert.Equal(TimeSpan.Zero, limiter.WaitFor(new ChatAddress(TelegramPlatform.Id, "8", ChatKind.Private)));

        bot.Time.Advance(TimeSpan.FromSeconds(5));
        await bot.Api.WaitForAsync("sendMessage", 2);
    }

    [Fact]
    public async Task A_chat_waiting_out_its_429_holds_up_no_other_chat()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.Enqueue("sendMessage", FakeResponse.Error(429, "Too Many Requests: retry after 5", retryAfter: 5));
        bot.Api.PushUpdate(TelegramUpdates.Message("/zoek slow", chatId: 1));
        await bot.Api.WaitForAsync("sendMessage");
        Assert.Equal(TimeSpan.FromSeconds(5), await bot.Time.NextTimerAsync());

        // Chat 1 now waits 5 s (on the fake clock, which stands still); 20 other chats ask in the next getUpdates.
        for (var chat = 2; chat <= 21; chat++)
        {
            bot.Api.PushUpdate(TelegramUpdates.Message("/zoek fast", chatId: chat, userId: chat));
        }

        var answered = await bot.Api.WaitForAsync("sendMessage", 20, c => c.Text == "Search: fast");
        Assert.Equal(20, answered.Select(c => c.ChatId).Distinct().Count());
        Assert.DoesNotContain(bot.Api.CallsTo("sendMessage").Skip(1), c => c.ChatId == 1);

        bot.Time.Advance(TimeSpan.FromSeconds(5));
        await bot.Api.WaitForAsync("sendMessage", where: c => c.ChatId == 1 && c.Text == "Search: slow");
    }

    [Fact]
    public async Task A_burst_of_questions_is_answered_at_the_pace_telegram_accepts()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        for (var chat = 1; chat <= 100; chat++)
        {
            bot.Api.PushUpdate(TelegramUpdates.Message("/zoek burst", chatId: chat, userId: chat));
        }

        // The clock stands still: one second's worth (Telegram: 30 a second per bot token) goes out, then nothing.
        await bot.Api.WaitForAsync("sendMessage", 30);
        await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);
        Assert.Equal(30, bot.Api.CallsTo("sendMessage").Count);

        // Each second of the clock lets at most 30 more go, until every chat has its answer.
        for (var second = 1; second <= 20 && bot.Api.CallsTo("sendMessage").Count < 100; second++)
        {
            bot.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);
            Assert.InRange(bot.Api.CallsTo("sendMessage").Count, 0, 30 * (second + 1));
        }

        Assert.Equal(100, bot.Api.CallsTo("sendMessage").Select(c => c.ChatId).Distinct().Count());
    }

    [Fact]
    public async Task Server_errors_back_off_with_jitter_then_succeed()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.Enqueue("sendMessage", FakeResponse.Error(500, "Internal Server Error"), new FakeResponse(502, "<html>Bad Gateway</html>"));
        bot.Api.PushUpdate(TelegramUpdates.Message("/zoek x"));

        var first = await bot.Time.NextTimerAsync();
        Assert.InRange(first, TimeSpan.FromTicks(1), PlatformRetry.MaxDelay);
        bot.Time.Advance(first - TimeSpan.FromTicks(1));
        Assert.Single(bot.Api.CallsTo("sendMessage")); // not before its time
        bot.Time.Advance(TimeSpan.FromTicks(1));
        var second = await bot.Time.NextTimerAsync();
        Assert.InRange(second, TimeSpan.FromTicks(1), PlatformRetry.MaxDelay);
        bot.Time.Advance(second);

        var sent = await bot.Api.WaitForAsync("sendMessage", 3);
        Assert.All(sent, c => Assert.Equal("Search: x", c.Text));
    }

    [Fact]
    public async Task A_long_answer_whose_second_part_fails_sends_only_that_part_again()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        var parts = (await bot.AnswerOfAsync("/lang", "first")).Select(c => c.Text!).ToList();
        Assert.True(parts.Count >= 3, $"expected a long answer, got {parts.Count} part(s)");

        var sends = 0;
        bot.Api.Respond = call => call.Method == "sendMessage" && Interlocked.Increment(ref sends) == 2 ? FakeResponse.Error(502, "Bad Gateway") : null;
        var asking = bot.AnswerOfAsync("/lang", "second");
        bot.Time.Advance(await bot.Time.NextTimerAsync());
        var again = (await asking).Select(c => c.Text!).ToList();

        // Each part is its own call, retried on its own: part 1 went once, part 2 twice (the 502, then again), the rest once.
        Assert.Equal([parts[0], parts[1], .. parts.Skip(1)], again);
    }

    [Fact]
    public async Task Polling_survives_failing_getUpdates()
    {
        await using var api = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        api.Enqueue("getUpdates", FakeResponse.Error(502, "Bad Gateway"), FakeResponse.Error(429, "Too Many Requests", retryAfter: 3));
        await using var bot = await TelegramTestHost.StartAsync(api: api);
        bot.Api.PushUpdate(TelegramUpdates.Message("/zoek still here"));

        bot.Time.Advance(await bot.Time.NextTimerAsync());
        Assert.Equal(TimeSpan.FromSeconds(3), await bot.Time.NextTimerAsync());
        bot.Time.Advance(TimeSpan.FromSeconds(3));

        await bot.Api.WaitForAsync("sendMessage", where: c => c.Text == "Search: still here");
    }

    [Fact]
    public async Task A_chat_that_blocked_the_bot_is_logged_and_the_loop_goes_on()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.Enqueue("sendMessage", FakeResponse.Error(403, "Forbidden: bot was blocked by the user"));
        bot.Api.PushUpdate(TelegramUpdates.Message("/zoek one"));
        bot.Api.PushUpdate(TelegramUpdates.Message("/zoek two"));

        await bot.Api.WaitForAsync("sendMessage", where: c => c.Text == "Search: two");
        Assert.Contains(bot.Logs.Lines, l => l.Contains("[3202]", StringComparison.Ordinal) && l.Contains("1001", StringComparison.Ordinal));
        Assert.Equal(2, bot.Api.CallsTo("sendMessage").Count);
    }

    [Fact]
    public async Task A_token_revoked_while_polling_is_reported_once_and_tried_again_every_minute()
    {
        await using var api = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        api.Enqueue("getUpdates", FakeResponse.Error(401, "Unauthorized"), FakeResponse.Error(401, "Unauthorized"));
        await using var bot = await TelegramTestHost.StartAsync(api: api);

        Assert.Equal(PlatformRetry.UnauthorizedPause, await bot.Time.NextTimerAsync()); // not retried at once, nor given up
        bot.Time.Advance(PlatformRetry.UnauthorizedPause);
        Assert.Equal(PlatformRetry.UnauthorizedPause, await bot.Time.NextTimerAsync());
        Assert.Equal(2, api.CallsTo("getUpdates").Count);
        Assert.Single(bot.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("[3405]", StringComparison.Ordinal) && l.Contains("Telegram__Token", StringComparison.Ordinal));

        bot.Time.Advance(PlatformRetry.UnauthorizedPause);
        bot.Api.PushUpdate(TelegramUpdates.Message("/zoek back"));
        await bot.Api.WaitForAsync("sendMessage", where: c => c.Text == "Search: back");
    }

    [Fact]
    public async Task A_wrong_token_stops_start_up_with_one_clear_line_without_the_token()
    {
        await using var api = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        const string Wrong = "987654321:AAwrong-token_never_print_this_000000";

        var (error, logs) = await TelegramTestHost.FailToStartAsync(api, Wrong);

        var startup = Assert.IsType<TelegramStartupException>(error);
        Assert.Contains("Telegram__Token", startup.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', startup.Message);
        Assert.DoesNotContain(Wrong, startup.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Wrong, StringComparison.Ordinal) || l.Contains("never_print", StringComparison.Ordinal));
        Assert.Empty(api.CallsTo("getUpdates"));
    }

    [Fact]
    public async Task A_malformed_token_is_reported_by_the_validator_without_echoing_it()
    {
        await using var api = await FakeBotApi.StartAsync(TelegramTestHost.Token);

        var (error, _) = await TelegramTestHost.FailToStartAsync(api, "not-a-token-secret");

        Assert.Contains("Telegram:Token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-token-secret", error.Message, StringComparison.Ordinal);
        Assert.Empty(api.Calls);
    }

    [Fact]
    public async Task Webhook_mode_without_the_endpoint_stops_start_up()
    {
        await using var api = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.org/telegram/hook",
            ["Telegram:WebhookSecret"] = "abc",
        };

        var error = await Assert.ThrowsAsync<TelegramStartupException>(() => TelegramTestHost.StartAsync(settings, api: api));

        Assert.Contains("MapTelegramWebhook", error.Message, StringComparison.Ordinal);
        Assert.Empty(api.CallsTo("setWebhook"));
    }

    [Fact]
    public async Task A_refused_webhook_stops_start_up_with_telegrams_reason()
    {
        await using var api = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        api.Enqueue("setWebhook", FakeResponse.Error(400, "Bad Request: bad webhook: Failed to resolve host"));
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.org/telegram/hook",
            ["Telegram:WebhookSecret"] = "abc",
        };

        var error = await Assert.ThrowsAsync<TelegramStartupException>(() => TelegramTestHost.StartAsync(settings, webhook: true, api: api));

        Assert.Contains("Failed to resolve host", error.Message, StringComparison.Ordinal);
        Assert.Contains("Telegram:WebhookUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flooding_user_is_told_once_to_slow_down_then_ignored_until_the_bucket_refills()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        for (var i = 0; i < 8; i++)
        {
            bot.Api.PushUpdate(TelegramUpdates.Message($"/zoek {i}", TelegramUpdates.GroupChat, TelegramUpdates.PrivateUser));
        }

        // Another member of the same group: handled after the flood, and not limited by it.
        bot.Api.PushUpdate(TelegramUpdates.Message("/zoek other", TelegramUpdates.GroupChat, 4004));
        await bot.Api.WaitForAsync("sendMessage", where: c => c.Text == "Search: other");
        var toFlooder = bot.Api.CallsTo("sendMessage").Select(c => c.Text).Where(t => t != "Search: other").ToList();
        Assert.Equal(["Search: 0", "Search: 1", "Search: 2", "Search: 3", "Search: 4", UiTexts.Get(UiLanguage.En, UiText.SlowDown)], toFlooder);

        bot.Time.Advance(TimeSpan.FromSeconds(3));
        bot.Api.PushUpdate(TelegramUpdates.Message("/zoek again", TelegramUpdates.GroupChat, TelegramUpdates.PrivateUser));
        await bot.Api.WaitForAsync("sendMessage", where: c => c.Text == "Search: again");
    }

    [Fact]
    public async Task Moderator_commands_check_chat_administrators_on_the_server()
    {
        await using var bot = await TelegramTestHost.StartAsync(new() { ["Moderation:TelegramUserIds:0"] = "7007" });
        bot.Api.Admins.Add((TelegramUpdates.GroupChat, 5005));
        bot.Api.PushUpdate(TelegramUpdates.Message("/mod@PauseBot", TelegramUpdates.GroupChat, 6006));
        bot.Api.PushUpdate(TelegramUpdates.Message("/mod@PauseBot", TelegramUpdates.GroupChat, 5005));
        bot.Api.PushUpdate(TelegramUpdates.Message("/mod", 7007, 7007));

        await bot.Api.WaitForAsync("sendMessage", 3);

        var requests = bot.Commands["mod"].Requests.ToList();
        Assert.Equal(["5005", "7007"], requests.Select(r => r.User.Id).Order());
        Assert.Equal(2, bot.Api.CallsTo("getChatMember").Count);
        Assert.Contains(bot.Api.CallsTo("sendMessage"), c => c.Text == UiTexts.Get(UiLanguage.En, UiText.ModeratorsOnly));
    }

    [Fact]
    public async Task Messenger_maps_platform_errors_to_delivery_outcomes()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        var messenger = bot.Host.Services.GetServices<IMessenger>().Single(m => m.Platform == TelegramPlatform.Id);
        var chat = new ChatAddress(TelegramPlatform.Id, "-100555", ChatKind.Group);
        var reply = Reply.FromBlocks(ReplyText.Paragraph("Nog 7 dagen"));
        bot.Api.Enqueue(
            "sendMessage",
            FakeResponse.Error(429, "Too Many Requests", retryAfter: 12),
            FakeResponse.Error(403, "Forbidden: bot was kicked from the group chat"),
            FakeResponse.Error(500, "Internal Server Error"),
            FakeResponse.Error(400, "Bad Request: message text is empty"));

        var tooMany = await messenger.SendAsync(chat, reply, default);
        var gone = await messenger.SendAsync(chat, reply, default);
        var server = await messenger.SendAsync(chat, reply, default);
        var bad = await messenger.SendAsync(chat, reply, default);
        var sent = await messenger.SendAsync(chat, reply, default);

        Assert.Equal(new DeliveryResult(DeliveryOutcome.RateLimited, tooMany.Reason, TimeSpan.FromSeconds(12)), tooMany);
        Assert.Equal(DeliveryOutcome.Gone, gone.Outcome);
        Assert.Equal(DeliveryOutcome.Retry, server.Outcome);
        Assert.Equal(DeliveryOutcome.Failed, bad.Outcome);
        Assert.Equal(DeliveryOutcome.Sent, sent.Outcome);
        Assert.Single(sent.MessageIds); // kept, so the post can be edited or deleted later
        var last = bot.Api.CallsTo("sendMessage")[^1];
        Assert.Equal(-100555, last.ChatId);
        TelegramTestHost.AssertWellFormed(last);
    }
}
