using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Bot.Telegram.Rendering;
using Bot.Testing.BotApi;
using Bot.Tests.Storage;
using Bot.Tests.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bot.Tests.Moderation;

/// <summary>Who moderates on Telegram, private previews and announcement rendering, over the fake Bot API.</summary>
public sealed class TelegramModerationTests
{
    private const long Admin = 5005;
    private const long Member = 6006;

    [Fact]
    public async Task A_non_admin_in_a_group_is_refused_and_an_admin_gets_the_private_reply_in_a_private_chat()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.Admins.Add((TelegramUpdates.GroupChat, Admin));

        bot.Api.PushUpdate(TelegramUpdates.Message("/privmod", TelegramUpdates.GroupChat, Member));
        var refused = (await bot.Api.WaitForAsync("sendMessage")).Single();
        bot.Api.PushUpdate(TelegramUpdates.Message("/privmod", TelegramUpdates.GroupChat, Admin));
        var sent = await bot.Api.WaitForAsync("sendMessage", 2);

        Assert.Equal(TelegramUpdates.GroupChat, refused.ChatId);
        Assert.Equal(UiTexts.Get(UiLanguage.En, UiText.ModeratorsOnly), refused.Text);
        var preview = sent[1];
        Assert.Equal(Admin, preview.ChatId);
        Assert.Equal("Only for you.", preview.Text);
        Assert.Single(bot.Commands["privmod"].Requests);
        Assert.Equal(2, bot.Api.CallsTo("getChatMember").Count);
        Assert.DoesNotContain(bot.Api.CallsTo("sendMessage"), c => c.ChatId == TelegramUpdates.GroupChat && c.Text == "Only for you.");
    }

    [Fact]
    public async Task When_the_bot_cannot_write_privately_the_group_gets_a_short_note_instead()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        bot.Api.Admins.Add((TelegramUpdates.GroupChat, Admin));
        bot.Api.Enqueue("sendMessage", FakeResponse.Error(403, "Forbidden: bot can't initiate conversation with a user"));

        bot.Api.PushUpdate(TelegramUpdates.Message("/privmod", TelegramUpdates.GroupChat, Admin));
        var sent = await bot.Api.WaitForAsync("sendMessage", 2);

        Assert.Equal(Admin, sent[0].ChatId);
        Assert.Equal(TelegramUpdates.GroupChat, sent[1].ChatId);
        Assert.Contains("can't send you a private message", sent[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Only for you", sent[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_for_moderators_in_groups_are_verified_in_groups_only()
    {
        await using var bot = await TelegramTestHost.StartAsync(new Dictionary<string, string?> { ["Moderation:TelegramUserIds:0"] = "8008" });
        bot.Api.Admins.Add((TelegramUpdates.GroupChat, Admin));

        bot.Api.PushUpdate(TelegramUpdates.Message("/groupmod", TelegramUpdates.GroupChat, Admin));
        bot.Api.PushUpdate(TelegramUpdates.Message("/groupmod", TelegramUpdates.GroupChat, Member));
        bot.Api.PushUpdate(TelegramUpdates.Message("/groupmod", TelegramUpdates.GroupChat, 8008));
        bot.Api.PushUpdate(TelegramUpdates.Message("/groupmod", Member, Member));
        await bot.Api.WaitForAsync("sendMessage", 4);

        var allowed = bot.Commands["groupmod"].Requests.Select(r => (r.User.Id, r.Chat.Kind)).Order().ToList();
        Assert.Equal([("5005", ChatKind.Group), ("6006", ChatKind.Private), ("8008", ChatKind.Group)], allowed);
        Assert.Single(bot.Api.CallsTo("sendMessage"), c => c.Text == UiTexts.Get(UiLanguage.En, UiText.ModeratorsOnly));
        Assert.Equal(2, bot.Api.CallsTo("getChatMember").Count); // the admin and the member; none for the listed id or the private chat
    }

    [Fact]
    public async Task An_anonymous_admin_posting_as_the_group_is_a_moderator_without_asking_Telegram()
    {
        await using var bot = await TelegramTestHost.StartAsync();
        var update = TelegramUpdates.Message("/mod", TelegramUpdates.GroupChat, 1087968824);
        update["message"]!["from"]!["is_bot"] = true; // GroupAnonymousBot
        update["message"]!["sender_chat"] = new System.Text.Json.Nodes.JsonObject { ["id"] = TelegramUpdates.GroupChat, ["type"] = "supergroup", ["title"] = "PauseAI NL" };

        bot.Api.PushUpdate(update);
        var answer = (await bot.Api.WaitForAsync("sendMessage")).Single();

        Assert.Equal("moderated", answer.Text);
        Assert.Empty(bot.Api.CallsTo("getChatMember"));
    }

    [Fact]
    public async Task A_member_who_presses_a_moderators_confirm_button_is_refused_and_nothing_is_sent()
    {
        await using var bot = await TelegramTestHost.StartAsync(realCore: true);
        bot.Api.Admins.Add((TelegramUpdates.GroupChat, Admin));
        bot.Api.PushUpdate(TelegramUpdates.Message("/subscribe", TelegramUpdates.GroupChat, Admin));
        await bot.Api.WaitForAsync("sendMessage");
        bot.Api.PushUpdate(TelegramUpdates.Message("/announce Demo tomorrow", TelegramUpdates.GroupChat, Admin));
        var confirm = await ConfirmButtonAsync(bot);

        // However a member got the button's token, pressing it in the group or in a private chat does nothing.
        bot.Api.PushUpdate(TelegramUpdates.Callback(confirm, TelegramUpdates.GroupChat, Member));
        bot.Api.PushUpdate(TelegramUpdates.Callback(confirm, Member, Member));
        var refused = (await bot.Api.WaitForAsync("sendMessage", 4)).Skip(2).ToList();

        Assert.Equal([TelegramUpdates.GroupChat, Member], refused.Select(r => r.ChatId).Order());
        Assert.All(refused, r => Assert.Equal("This button is not for you: only the person it was shown to can use it.", r.Text));
        Assert.Equal(0, await CountAsync(bot, "SELECT COUNT(*) FROM bot_outbox"));
        Assert.Equal(1, await CountAsync(bot, "SELECT COUNT(*) FROM bot_announcements WHERE status = 'pending'"));

        // The author presses it in their private chat: the bot asks Telegram whether they still administer the group.
        bot.Api.PushUpdate(TelegramUpdates.Callback(confirm, Admin, Admin));
        var confirmed = (await bot.Api.WaitForAsync("sendMessage", where: c => c.ChatId == Admin && c.Text!.StartsWith("Announcement #1 is", StringComparison.Ordinal)))[0];
        Assert.StartsWith("Announcement #1 is going out to 1 channel", confirmed.Text, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(bot, "SELECT COUNT(*) FROM bot_outbox"));
    }

    [Fact]
    public async Task A_preview_shown_before_a_restart_can_be_confirmed_by_the_next_process()
    {
        using var database = new Storage.TempSqlite();
        var settings = new Dictionary<string, string?> { ["Storage:ConnectionString"] = database.ConnectionString };
        string confirm;
        await using (var before = await TelegramTestHost.StartAsync(settings, realCore: true))
        {
            before.Api.Admins.Add((TelegramUpdates.GroupChat, Admin));
            before.Api.PushUpdate(TelegramUpdates.Message("/announce Na de herstart", TelegramUpdates.GroupChat, Admin));
            confirm = await ConfirmButtonAsync(before, previews: 1);
        }

        await using var after = await TelegramTestHost.StartAsync(settings, realCore: true);
        after.Api.Admins.Add((TelegramUpdates.GroupChat, Admin));
        after.Api.PushUpdate(TelegramUpdates.Callback(confirm, Admin, Admin));
        var confirmed = (await after.Api.WaitForAsync("sendMessage"))[0];

        Assert.StartsWith("Announcement #1 is going out to 0 channels", confirmed.Text, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(after, "SELECT COUNT(*) FROM bot_announcements WHERE status = 'confirmed'"));
    }

    [Fact]
    public async Task The_preview_a_large_broadcast_was_confirmed_on_ends_with_its_final_count()
    {
        await using var bot = await TelegramTestHost.StartAsync(new Dictionary<string, string?> { ["Moderation:ProgressMinChannels"] = "3" }, realCore: true);
        bot.Api.Admins.Add((TelegramUpdates.GroupChat, Admin));
        var subscriptions = bot.Host.Services.GetRequiredService<SubscriptionStore>();
        for (var i = 1; i <= 3; i++)
        {
            await subscriptions.UpsertAsync(new Subscription(new ChatAddress(Bot.Telegram.TelegramPlatform.Id, "-200" + i, ChatKind.Group), SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);
        }

        bot.Api.PushUpdate(TelegramUpdates.Message("/announce Demo tomorrow", TelegramUpdates.GroupChat, Admin));
        var confirm = await ConfirmButtonAsync(bot, previews: 1);
        var preview = bot.Api.Messages.Single(m => m.Key.Chat == Admin && m.Value.StartsWith("<b>Preview", StringComparison.Ordinal)).Key;
        bot.Api.PushUpdate(TelegramUpdates.Callback(confirm, Admin, Admin, preview.Message));

        // The three posts and the answer to the press; then the ticker, which counts every 5 s. The preview's buttons go with the edit.
        await bot.Api.WaitForAsync("sendMessage", 5);
        var final = bot.Api.WaitForAsync("editMessageText", where: c => c.ChatId == Admin && c.Text!.Contains("/status", StringComparison.Ordinal));
        for (var i = 0; i < 40 && !final.IsCompleted; i++)
        {
            bot.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        var edit = (await final)[0];
        Assert.Equal(preview.Message, edit.Parameters["message_id"]!.GetValue<long>());
        Assert.Equal("Announcement #1: 3 of 3 sent — /status 1", bot.Api.Messages[preview]);
        Assert.Null(edit.Parameters["reply_markup"]);
    }

    /// <summary>The token of the Confirm button of the preview sent privately to the admin (after <paramref name="previews"/> - 1 other messages).</summary>
    private static async Task<string> ConfirmButtonAsync(TelegramTestHost bot, int previews = 2)
    {
        var preview = (await bot.Api.WaitForAsync("sendMessage", previews))[previews - 1];
        Assert.Equal(Admin, preview.ChatId);
        var buttons = preview.Parameters["reply_markup"]!["inline_keyboard"]!.AsArray().Select(row => row![0]!).ToList();
        Assert.Equal(["Confirm", "Cancel"], buttons.Select(b => b["text"]!.GetValue<string>()));
        var token = buttons[0]["callback_data"]!.GetValue<string>();
        Assert.Matches("^[A-Za-z0-9_-]{22}$", token);
        return token;
    }

    private static Task<long> CountAsync(TelegramTestHost bot, string sql) => bot.Host.Services.GetRequiredService<BotDatabase>().CountAsync(sql);

    [Fact]
    public void An_announcement_renders_as_Telegram_HTML_with_raw_HTML_and_mentions_as_text()
    {
        const string Markdown = "**Protest** morgen, _kom_ ~~niet~~ wel!\n\n- <b>Den Haag</b> @everyone & co\n- [info](https://pauseai.info/events)";
        var reply = new Reply { Body = AnnouncementMarkdown.Parse(Markdown, MassMention.Everyone), MassMention = true };

        var message = Assert.Single(TelegramReplyMapper.Map(reply, UiLanguage.Nl));

        Assert.StartsWith("@\u2060everyone\n\n<b>Protest</b> morgen, <i>kom</i> <s>niet</s> wel!", message.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Den Haag&lt;/b&gt; @\u2060everyone &amp; co", message.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://pauseai.info/events\">info</a>", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Den Haag", message.Html, StringComparison.Ordinal);
    }
}
