using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Telegram;
using Bot.Testing.BotApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Bot.Tests.Telegram;

public sealed class TelegramPollingTests
{
    [Fact]
    public async Task Start_checks_token_removes_webhook_and_registers_commands_in_two_languages_and_scopes()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        var commands = await bot.Api.WaitForAsync("setMyCommands", 6);

        Assert.Single(bot.Api.CallsTo("getMe"));
        Assert.Single(bot.Api.CallsTo("deleteWebhook"));
        Assert.Empty(bot.Api.CallsTo("setWebhook"));
        foreach (var call in commands)
        {
            TelegramTestHost.AssertWellFormed(call);
            var names = call.Parameters["commands"]!.AsArray().Select(c => c!["command"]!.GetValue<string>()).ToList();
            Assert.Contains("summit", names);
            Assert.DoesNotContain("mod", names);
        }

        var scopes = commands.Select(c => c.Parameters["scope"]!["type"]!.GetValue<string>()).Distinct().Order().ToList();
        Assert.Equal(["all_group_chats", "all_private_chats"], scopes);
        var english = commands.First(c => c.Parameters["language_code"]?.GetValue<string>() == "en");
        Assert.Equal("Description summit", english.Parameters["commands"]![0]!["description"]!.GetValue<string>());
        var dutch = commands.First(c => c.Parameters["language_code"]?.GetValue<string>() == "nl");
        Assert.Equal("Beschrijving summit", dutch.Parameters["commands"]![0]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Private_command_is_routed_with_locale_and_answered_in_html()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.PushUpdate(TelegramUpdates.Message("/summit seoul", language: "en-GB"));

        var sent = (await bot.Api.WaitForAsync("sendMessage"))[0];

        var request = Assert.Single(bot.Commands["summit"].Requests);
        Assert.Equal("seoul", request.Arguments);
        Assert.Equal("en-GB", request.Locale);
        Assert.Equal(Core.Kernel.ChatKind.Private, request.Chat.Kind);
        Assert.Equal(TelegramPlatform.Id, request.Chat.Platform);
        Assert.Equal(TelegramUpdates.PrivateUser, sent.ChatId);
        TelegramTestHost.AssertWellFormed(sent);
        Assert.Contains("Summit: <b>seoul</b>", sent.Text, StringComparison.Ordinal);
        Assert.Contains($"<b><a href=\"{TelegramTestHost.CardUrl}\">AI Safety Summit Seoul</a></b>", sent.Text, StringComparison.Ordinal);
        Assert.Contains("• one\n   • nested x", sent.Text, StringComparison.Ordinal);
        Assert.Contains("<i>Alleen Engels</i>", sent.Text, StringComparison.Ordinal);
        Assert.Contains("Read more", sent.Text, StringComparison.Ordinal);
        Assert.Equal(TelegramTestHost.CardUrl, sent.Parameters["link_preview_options"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Group_commands_need_this_bots_name_and_plain_text_is_ignored_there()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.PushUpdate(TelegramUpdates.Message("/summit@OtherBot seoul", TelegramUpdates.GroupChat, 2002));
        bot.Api.PushUpdate(TelegramUpdates.Message("who knows about seoul?", TelegramUpdates.GroupChat, 2002));
        bot.Api.PushUpdate(TelegramUpdates.Message("/summit@PauseBot seoul", TelegramUpdates.GroupChat, 2002, "nl"));

        var sent = await bot.Api.WaitForAsync("sendMessage");

        var request = Assert.Single(bot.Commands["summit"].Requests);
        Assert.Equal("seoul", request.Arguments);
        Assert.Equal(Core.Kernel.ChatKind.Group, request.Chat.Kind);
        Assert.Empty(bot.Commands["zoek"].Requests);
        var answer = Assert.Single(sent);
        Assert.Equal(TelegramUpdates.GroupChat, answer.ChatId);
        Assert.Contains("Lees verder", answer.Text, StringComparison.Ordinal);
        Assert.Equal(7, answer.Parameters["reply_parameters"]!["message_id"]!.GetValue<int>());
        TelegramTestHost.AssertWellFormed(answer);
    }

    [Fact]
    public async Task An_answer_in_a_forum_group_goes_to_the_topic_of_the_question()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        var update = TelegramUpdates.Message("/zoek@PauseBot topic", TelegramUpdates.GroupChat, 2002);
        update["message"]!["is_topic_message"] = true;
        update["message"]!["message_thread_id"] = 77;
        bot.Api.PushUpdate(update);

        var sent = (await bot.Api.WaitForAsync("sendMessage"))[0];

        Assert.Equal(77, sent.Parameters["message_thread_id"]!.GetValue<int>());
        TelegramTestHost.AssertWellFormed(sent);
    }

    [Fact]
    public async Task Plain_text_in_a_private_chat_is_a_search()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.PushUpdate(TelegramUpdates.Message("instrumentele convergentie"));

        var sent = (await bot.Api.WaitForAsync("sendMessage"))[0];

        Assert.Equal("instrumentele convergentie", Assert.Single(bot.Commands["zoek"].Requests).Arguments);
        Assert.Equal("Search: instrumentele convergentie", sent.Text);
        Assert.True(sent.Parameters["link_preview_options"]!["is_disabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Markup_and_mentions_in_arguments_are_escaped()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.PushUpdate(TelegramUpdates.Message("/summit <script>alert(1)</script> @everyone & <b>"));

        var sent = (await bot.Api.WaitForAsync("sendMessage"))[0];

        TelegramTestHost.AssertWellFormed(sent);
        Assert.DoesNotContain("<script>", sent.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", sent.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("@everyone", sent.Text, StringComparison.Ordinal);
        Assert.Contains("@\u2060everyone &amp; &lt;b&gt;", sent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ten_thousand_character_reply_is_split_into_well_formed_messages()
    {
        await using var bot = await TelegramTestHost.StartAsync();

        var parts = await bot.AnswerOfAsync("/lang", "done");

        Assert.True(parts.Count >= 4, $"expected the reply in at least 4 messages, got {parts.Count}");
        Assert.All(parts, TelegramTestHost.AssertWellFormed);
        var total = string.Concat(parts.Select(p => p.Text));
        Assert.True(total.Length > 14_000, $"lost text: {total.Length}");
        Assert.Single(parts, p => p.Text!.Contains("<a href=\"https://pauseai.info/a\">a link</a>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ten_thousand_character_message_is_searched_with_its_arguments_cut_short()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.PushUpdate(TelegramUpdates.Message("/zoek " + string.Concat(Enumerable.Repeat("<i>x</i> ", 1112))));

        var sent = (await bot.Api.WaitForAsync("sendMessage"))[0];

        Assert.InRange(Assert.Single(bot.Commands["zoek"].Requests).Arguments.Length, 1, Core.Commands.CommandLine.MaxArgumentLength);
        TelegramTestHost.AssertWellFormed(sent);
        Assert.DoesNotContain("<i>x", sent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_update_is_skipped_and_the_next_one_answered()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.PushRawUpdate(500, """{"update_id":500,"message":{"message_id":"not a number","chat":42,"date":"yesterday"}}""");
        bot.Api.PushRawUpdate(501, """{"update_id":501,"message":{"message_id":1,"date":1,"chat":{"id":1001,"type":"private"},"text":"/summit x"}}""");
        bot.Api.PushUpdate(TelegramUpdates.Message("/zoek after"));

        var sent = await bot.Api.WaitForAsync("sendMessage", where: c => c.Text == "Search: after");

        Assert.Single(sent);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("[3301]", StringComparison.Ordinal) && l.Contains("500", StringComparison.Ordinal));
        await bot.Api.WaitForAsync("getUpdates", where: c => c.Parameters["offset"]?.GetValue<long>() > 502);
    }

    [Fact]
    public async Task Lone_surrogate_escapes_on_the_wire_are_answered_by_the_real_core_without_a_stack_trace()
    {
        await using var bot = await TelegramTestHost.StartAsync(realCore: true);
        const string Message = """{"update_id":__ID__,"message":{"message_id":1,"date":1,"chat":{"id":1001,"type":"private","first_name":"Ann"},"from":{"id":1001,"is_bot":false,"first_name":"Ann","language_code":"nl"},"text":"__TEXT__"}}""";
        bot.Api.PushRawUpdate(700, Message.Replace("__ID__", "700", StringComparison.Ordinal).Replace("__TEXT__", "/summit \\ud800", StringComparison.Ordinal));
        bot.Api.PushRawUpdate(701, Message.Replace("__ID__", "701", StringComparison.Ordinal).Replace("__TEXT__", "/summit seoul\\udc00\\uFFFE", StringComparison.Ordinal));
        bot.Api.PushRawUpdate(702, Message.Replace("__ID__", "702", StringComparison.Ordinal).Replace("__TEXT__", "/summit \\\\ud800 \\ud83d\\ude00", StringComparison.Ordinal));

        var sent = await bot.Api.WaitForAsync("sendMessage", 3);

        Assert.All(sent, TelegramTestHost.AssertWellFormed);
        Assert.DoesNotContain(sent, c => c.Text!.Contains("Er ging iets mis", StringComparison.Ordinal) || c.Text.Contains("niet lezen", StringComparison.Ordinal));
        Assert.Contains(sent, c => c.Text!.Contains("Zuid-Korea", StringComparison.Ordinal));
        AssertNoStackTraceAtWarning(bot.Logs);
    }

    [Fact]
    public async Task An_unreadable_update_from_a_private_chat_is_logged_in_one_line_and_answered()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.PushRawUpdate(800, """{"update_id":800,"message":{"message_id":"not a number","date":1,"chat":{"id":1001,"type":"private"},"from":{"id":1001,"language_code":"en"},"text":"/zoek x"}}""");
        bot.Api.PushRawUpdate(801, """{"update_id":801,"message":{"message_id":{},"date":1,"chat":{"id":-100555,"type":"supergroup"},"text":"/zoek x"}}""");
        bot.Api.PushUpdate(TelegramUpdates.Message("/zoek after"));

        await bot.Api.WaitForAsync("sendMessage", where: c => c.Text == "Search: after");
        var unreadable = await bot.Api.WaitForAsync("sendMessage", where: c => c.Text == UiTexts.Get(UiLanguage.En, UiText.Unreadable));

        Assert.Equal(1001, Assert.Single(unreadable).ChatId);
        Assert.DoesNotContain(bot.Api.CallsTo("sendMessage"), c => c.ChatId == TelegramUpdates.GroupChat);
        var warnings = bot.Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("[3301]", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(bot.Logs.Lines, l => l.StartsWith("Debug", StringComparison.Ordinal) && l.Contains("[3303]", StringComparison.Ordinal) && l.Contains("JsonException", StringComparison.Ordinal));
        AssertNoStackTraceAtWarning(bot.Logs);
    }

    [Fact]
    public void Only_lone_surrogate_escapes_are_replaced()
    {
        Assert.Null(TelegramUpdateDispatcher.WithoutLoneSurrogates("""{"text":"\ud83d\ude00 \\ud800 \n"}"""));
        Assert.Equal("""{"text":"\uFFFD x \uFFFD\uFFFD"}""", TelegramUpdateDispatcher.WithoutLoneSurrogates("""{"text":"\ud800 x \uDC00\uDBFF"}"""));
    }

    private static void AssertNoStackTraceAtWarning(CapturingLoggerProvider logs) =>
        Assert.DoesNotContain(
            logs.Lines,
            l => !l.StartsWith("Debug", StringComparison.Ordinal) && !l.StartsWith("Trace", StringComparison.Ordinal) && !l.StartsWith("Information", StringComparison.Ordinal)
                && (l.Contains("   at ", StringComparison.Ordinal) || l.Contains('\n', StringComparison.Ordinal)));

    [Fact]
    public async Task The_token_check_and_the_webhook_call_go_out_while_the_services_before_it_start_and_polling_waits_for_them()
    {
        var gate = new HeldStart();
        await using var api = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        var starting = TelegramTestHost.StartAsync(api: api, services: s => s.Insert(0, ServiceDescriptor.Singleton<IHostedService>(gate)));

        await api.WaitForAsync("deleteWebhook");
        Assert.Single(api.CallsTo("getMe"));
        Assert.Empty(api.CallsTo("getUpdates"));
        Assert.False(starting.IsCompleted, "the start waits for the service registered first");

        gate.Release.SetResult();
        await using var bot = await starting;
        await api.WaitForAsync("getUpdates");
        Assert.Single(api.CallsTo("getMe"));
    }

    /// <summary>A hosted service whose start ends when the test says so.</summary>
    private sealed class HeldStart : IHostedService
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task StartAsync(CancellationToken cancellationToken) => Release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
