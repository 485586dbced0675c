using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Replies;
using Bot.Telegram.Rendering;
using Bot.Testing.BotApi;
using Bot.Tests.Telegram;
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
    public async Task Commands_that_consult_the_moderator_check_get_it_verified_for_admins_only()
    {
        await using var bot = await TelegramTestHost.StartAsync(new Dictionary<string, string?> { ["Moderation:TelegramUserIds:0"] = "8008" });
        bot.Api.Admins.Add((TelegramUpdates.GroupChat, Admin));

        bot.Api.PushUpdate(TelegramUpdates.Message("/checks", TelegramUpdates.GroupChat, Admin));
        bot.Api.PushUpdate(TelegramUpdates.Message("/checks", TelegramUpdates.GroupChat, Member));
        bot.Api.PushUpdate(TelegramUpdates.Message("/checks", TelegramUpdates.GroupChat, 8008));
        await bot.Api.WaitForAsync("sendMessage", 3);

        var verdicts = bot.Commands["checks"].Requests.ToDictionary(r => r.User.Id, r => r.IsModerator);
        Assert.True(verdicts[Admin.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.False(verdicts[Member.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.True(verdicts["8008"]);
    }

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
