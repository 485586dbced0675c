using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Storage;
using Bot.Core.Moderation;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;
using Bot.Discord;
using Bot.Discord.Rest;
using Bot.Telegram;
using Bot.Telegram.Api;
using Bot.Tests.Discord.Support;
using Bot.Tests.Storage;
using Bot.Tests.Telegram;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Xunit;
using DiscordAnswer = Bot.Tests.Discord.Support.FakeResponse;
using TelegramAnswer = Bot.Tests.Telegram.FakeResponse;

namespace Bot.Tests.Moderation;

/// <summary>
/// <c>/aankondiging wijzig</c> and <c>intrekken</c> over the wire: an announcement to two Telegram groups and two
/// Discord channels (the loopback fakes, every request checked against the platforms' API descriptions) is sent,
/// edited in place and deleted everywhere, each exactly once, through the outbox.
/// </summary>
public sealed class AnnouncementEditTests : IAsyncLifetime, IDisposable
{
    private readonly SignalingTimeProvider _time = new();
    private readonly TempSqlite _temp = new();
    private readonly HttpClient _http = new();
    private FakeBotApi _telegram = null!;
    private FakeDiscord _discord = null!;
    private ModerationNode _node = null!;
    private Bot.Core.Delivery.IMessenger[] _messengers = [];

    public async Task InitializeAsync()
    {
        _telegram = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        _discord = await FakeDiscord.StartAsync();
        _discord.Guilds.Add("777", "PauseAI NL");
        var telegramClient = new TelegramBotClient(new TelegramBotClientOptions(TelegramTestHost.Token, _telegram.BaseUrl.AbsoluteUri.TrimEnd('/')) { RetryCount = 0, RetryThreshold = 0 }, _http);
        var rest = new DiscordRestClient(_http, new DiscordRateLimiter(_time), _time, Options.Create(new DiscordOptions { Token = "edit-token", ApiBaseUrl = _discord.ApiBase }), NullLogger<DiscordRestClient>.Instance);
        _messengers =
        [
            new TelegramMessenger(new TelegramReplySender(new TelegramApi(telegramClient, _time, NullLogger<TelegramApi>.Instance)), new UiTexts()),
            new DiscordMessenger(rest, new UiTexts()),
        ];
        _node = await ModerationNode.StartAsync(_temp, _time, _messengers);
        await _node.SubscribeAsync(telegram: 2, discord: 2);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _telegram.DisposeAsync();
        await _discord.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task An_announcement_is_sent_edited_and_retracted_in_every_channel_exactly_once()
    {
        await AnnounceAsync("Demo **zaterdag** om 14:00");
        Assert.Equal(2, _telegram.Messages.Count);
        Assert.Equal(2, _discord.Messages.Count);

        var preview = await _node.RunAsync("aankondiging", "wijzig 1 Demo **zondag** om 15:00");
        Assert.True(preview.Private);
        Assert.Contains("Edit of announcement #1", Text(preview), StringComparison.Ordinal);
        Assert.Contains("Edits the message in 4 channels", Text(preview), StringComparison.Ordinal);
        Assert.Contains("Demo zondag om 15:00", Text(preview), StringComparison.Ordinal);
        Assert.Equal(0, await _node.Worker.RunOnceAsync(CancellationToken.None)); // nothing before the confirm

        var confirmed = await _node.PressAsync(Confirm(preview));
        Assert.Contains("Announcement #1 is being edited in 4 channels", Text(confirmed), StringComparison.Ordinal);
        Assert.Equal(4, await _node.Worker.RunOnceAsync(CancellationToken.None));
        var again = await _node.PressAsync(Confirm(preview));
        Assert.True(again.IsError);
        Assert.Equal(0, await _node.Worker.RunOnceAsync(CancellationToken.None));

        Assert.All(_telegram.Messages.Values, text => Assert.Equal("Demo <b>zondag</b> om 15:00", text));
        Assert.All(_discord.Messages.Values, text => Assert.Equal("Demo **zondag** om 15:00", text));
        Assert.Equal(2, _telegram.CallsTo("editMessageText").Count);
        Assert.Equal(2, _discord.Requests.Count(r => r.Method == "PATCH"));
        Assert.Equal(2, _telegram.CallsTo("sendMessage").Count); // no second post
        Assert.Equal(2, _discord.Requests.Count(r => r.Method == "POST"));

        var retract = await _node.RunAsync("aankondiging", "intrekken 1");
        Assert.Contains("Deletes the message from 4 channels", Text(retract), StringComparison.Ordinal);
        await _node.PressAsync(Confirm(retract));
        Assert.Equal(4, await _node.Worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await _node.Worker.RunOnceAsync(CancellationToken.None));

        Assert.Empty(_telegram.Messages);
        Assert.Empty(_discord.Messages);
        Assert.Equal(2, _telegram.CallsTo("deleteMessage").Count);
        Assert.Equal(2, _discord.Requests.Count(r => r.Method == "DELETE"));
        AssertValidRequests();
        var audit = (await _node.Announcements.RecentAuditAsync(10, CancellationToken.None)).Select(a => a.Action).ToList();
        Assert.Contains("announcement.edit", audit);
        Assert.Contains("announcement.retract", audit);

        // A retracted announcement no longer changes.
        var late = await _node.RunAsync("aankondiging", "wijzig 1 Toch maandag");
        Assert.True(late.IsError);
        Assert.Contains("already retracted", Text(late), StringComparison.Ordinal);
        Assert.True((await _node.RunAsync("aankondiging", "intrekken 1")).IsError);
    }

    [SkippableFact]
    public async Task On_PostgreSQL_an_announcement_is_sent_edited_and_retracted_in_every_channel_exactly_once()
    {
        TestPostgres.SkipIfAbsent();
        await _node.DisposeAsync();
        _node = await ModerationNode.StartAsync(new BotDatabase(StorageProvider.Postgres, await TestPostgres.CreateDatabaseAsync(), _time, NullLogger<BotDatabase>.Instance), _time, _messengers);
        await _node.SubscribeAsync(telegram: 2, discord: 2);
        await AnnounceAsync("Demo zaterdag");

        await _node.PressAsync(Confirm(await _node.RunAsync("aankondiging", "wijzig 1 Demo zondag")));
        Assert.Equal(4, await _node.Worker.RunOnceAsync(CancellationToken.None));
        Assert.All(_telegram.Messages.Values.Concat(_discord.Messages.Values), text => Assert.Equal("Demo zondag", text));
        await _node.PressAsync(Confirm(await _node.RunAsync("aankondiging", "intrekken 1")));
        Assert.Equal(4, await _node.Worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await _node.Worker.RunOnceAsync(CancellationToken.None));

        Assert.Empty(_telegram.Messages);
        Assert.Empty(_discord.Messages);
        Assert.Equal(2, _telegram.CallsTo("editMessageText").Count);
        Assert.Equal(2, _discord.Requests.Count(r => r.Method == "DELETE"));
        Assert.Contains("4 of 4 deleted", Text(await _node.RunAsync("status", "1")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_to_the_same_text_is_done_not_failed_and_a_second_retraction_of_a_gone_message_too()
    {
        await AnnounceAsync("Demo zaterdag");

        await _node.PressAsync(Confirm(await _node.RunAsync("aankondiging", "wijzig 1 Demo zaterdag")));
        await _node.Worker.RunOnceAsync(CancellationToken.None);
        var message = _telegram.Messages.Keys.First();
        _telegram.DeleteByHand(message.Chat, message.Message); // a member deleted it before the retraction
        await _node.PressAsync(Confirm(await _node.RunAsync("aankondiging", "intrekken 1")));
        await _node.Worker.RunOnceAsync(CancellationToken.None);

        var rows = await _node.Outbox.ListAsync(CancellationToken.None);
        Assert.All(rows, r => Assert.True(r.Status == "sent", $"{r.Key}: {r.Status} {r.Error}"));
        Assert.Equal(2, _telegram.CallsTo("editMessageText").Count); // Telegram answered "message is not modified"
        Assert.Empty(_telegram.Messages);
        Assert.Empty(_discord.Messages);
    }

    [Fact]
    public async Task Garbage_and_mass_mentions_in_the_new_text_stay_text_and_the_edit_never_pings()
    {
        await AnnounceAsync("Demo zaterdag");

        var preview = await _node.RunAsync("aankondiging", "wijzig 1 @everyone @here <b>vet</b> <@&123> \u202e\u0000 [x](javascript:alert(1))");
        await _node.PressAsync(Confirm(preview));
        await _node.Worker.RunOnceAsync(CancellationToken.None);

        foreach (var edit in _discord.Requests.Where(r => r.Method == "PATCH"))
        {
            Assert.Empty(edit.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
            var content = edit.Json.GetProperty("content").GetString()!;
            Assert.DoesNotMatch(@"(?<!\\)@(everyone|here)", content); // escaped, and allowed_mentions parses nothing
            Assert.DoesNotContain("javascript:", content, StringComparison.Ordinal);
        }

        foreach (var edit in _telegram.CallsTo("editMessageText"))
        {
            Assert.Contains("&lt;b&gt;vet&lt;/b&gt;", edit.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("@everyone", edit.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("javascript:", edit.Text, StringComparison.Ordinal);
        }

        Assert.Equal(2, _telegram.CallsTo("editMessageText").Count);
        AssertValidRequests();
    }

    [Fact]
    public async Task An_edit_of_an_announcement_that_pinged_everyone_keeps_the_line_but_pings_nobody()
    {
        await AnnounceAsync("--iedereen Demo zaterdag");
        Assert.All(_discord.Requests.Where(r => r.Method == "POST"), post => Assert.Equal("everyone", post.Json.GetProperty("allowed_mentions").GetProperty("parse")[0].GetString()));

        await _node.PressAsync(Confirm(await _node.RunAsync("aankondiging", "wijzig 1 Demo zondag")));
        await _node.Worker.RunOnceAsync(CancellationToken.None);

        var edits = _discord.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal(2, edits.Count);
        Assert.All(edits, edit => Assert.Empty(edit.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray()));
        Assert.All(edits, edit => Assert.Contains("everyone", edit.Json.GetProperty("content").GetString(), StringComparison.Ordinal));
        AssertValidRequests();
    }

    [Fact]
    public async Task Only_the_moderator_who_asked_can_confirm_and_only_while_still_a_moderator()
    {
        await AnnounceAsync("Demo zaterdag");

        var refused = await _node.RunAsync("aankondiging", "wijzig 1 Gehackt", user: "66", moderator: false);
        Assert.True(refused.IsError);
        var preview = await _node.RunAsync("aankondiging", "intrekken 1");
        var token = Confirm(preview).Token!;

        var forged = await _node.PressAsync(token, user: "66", moderator: true); // another moderator, even
        var stranger = await _node.PressAsync(token, user: "77", moderator: false);
        var demoted = await _node.PressAsync(token, moderator: false); // the author, no longer a moderator
        var garbage = await _node.PressAsync("AAAAAAAAAAAAAAAAAAAAAA");

        Assert.All(new[] { forged, stranger, demoted, garbage }, r => Assert.True(r.IsError, Text(r)));
        Assert.Equal(0, await _node.Worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(4, _telegram.Messages.Count + _discord.Messages.Count);
        Assert.Equal(0, await _node.Database.CountAsync("SELECT COUNT(*) FROM bot_announcement_changes WHERE status = 'confirmed'"));

        var unknown = await _node.RunAsync("aankondiging", "wijzig 99 Iets");
        Assert.True(unknown.IsError);
        Assert.Contains("There is no announcement #99", Text(unknown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_during_an_edit_wave_holds_that_chat_back_and_every_message_is_edited_once()
    {
        await AnnounceAsync("Demo zaterdag");
        _telegram.Enqueue("editMessageText", TelegramAnswer.Error(429, "Too Many Requests: retry after 3", retryAfter: 3));
        var limited = 0;
        _discord.Respond = r => r.Method == "PATCH" && Interlocked.Increment(ref limited) == 1
            ? new DiscordAnswer(429, """{"message":"You are being rate limited.","retry_after":2.0,"global":false}""", new Dictionary<string, string> { ["Retry-After"] = "2" })
            : null;

        var preview = await _node.RunAsync("aankondiging", "wijzig 1 Demo zondag");
        await _node.PressAsync(Confirm(preview));
        await _node.Worker.RunOnceAsync(CancellationToken.None);
        var pending = await _node.Database.CountAsync("SELECT COUNT(*) FROM bot_outbox WHERE substr(dedup_key, 1, 18) = 'announcement-edit:' AND status = 'pending'");
        _time.Advance(TimeSpan.FromSeconds(4));
        await _node.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, pending);
        Assert.Equal(0, await _node.Database.CountAsync("SELECT COUNT(*) FROM bot_outbox WHERE substr(dedup_key, 1, 18) = 'announcement-edit:' AND status <> 'sent'"));
        Assert.Equal(3, _telegram.CallsTo("editMessageText").Count); // one refused, then each chat once
        Assert.Equal(3, _discord.Requests.Count(r => r.Method == "PATCH"));
        Assert.All(_telegram.Messages.Values, text => Assert.Equal("Demo zondag", text));
        Assert.All(_discord.Messages.Values, text => Assert.Equal("Demo zondag", text));
        Assert.Empty(await _node.Subscriptions.ListPausedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task What_cannot_be_changed_is_reported_per_channel_and_pauses_no_channel()
    {
        await AnnounceAsync("Demo zaterdag");
        var discordMessage = _discord.Messages.Keys.First();
        _discord.DeleteByHand(discordMessage.Channel, discordMessage.Message);
        var telegramMessage = _telegram.Messages.Keys.First();
        _telegram.DeleteByHand(telegramMessage.Chat, telegramMessage.Message);

        var edit = await _node.RunAsync("aankondiging", "wijzig 1 Demo zondag");
        await _node.PressAsync(Confirm(edit));
        await _node.Worker.RunOnceAsync(CancellationToken.None);

        // Telegram refuses to delete a message older than 48 hours; an unchanged text is no error.
        _telegram.Enqueue("deleteMessage", TelegramAnswer.Error(400, "Bad Request: message can't be deleted for everyone"));
        var retract = await _node.RunAsync("aankondiging", "intrekken 1");
        await _node.PressAsync(Confirm(retract));
        await _node.Worker.RunOnceAsync(CancellationToken.None);

        var rows = (await _node.Outbox.ListAsync(CancellationToken.None)).ToDictionary(r => r.Key);
        Assert.Equal("failed", rows[$"announcement-edit:1:Discord:{discordMessage.Channel}"].Status);
        Assert.Equal("failed", rows[$"announcement-edit:1:Telegram:{telegramMessage.Chat}"].Status);
        Assert.Equal(2, rows.Values.Count(r => r.Key.StartsWith("announcement-edit:", StringComparison.Ordinal) && r.Status == "sent"));
        var failedDeletes = rows.Values.Where(r => r.Key.StartsWith("announcement-retract:", StringComparison.Ordinal) && r.Status == "failed").ToList();
        Assert.Single(failedDeletes, r => r.Error!.Contains("can't be deleted", StringComparison.Ordinal));
        Assert.Empty(await _node.Subscriptions.ListPausedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_scheduled_announcement_edited_before_its_moment_goes_out_with_the_new_text_and_no_edits()
    {
        var preview = await _node.RunAsync("aankondiging", "om morgen 10:00 Demo zaterdag");
        await _node.PressAsync(Confirm(preview, AnnounceHandler.ConfirmPrefix));

        var edit = await _node.RunAsync("aankondiging", "wijzig 1 Demo zondag");
        Assert.Contains("has not gone out yet: only its text changes", Text(edit), StringComparison.Ordinal);
        var done = await _node.PressAsync(Confirm(edit));
        Assert.Contains("its text was changed", Text(done), StringComparison.Ordinal);
        _time.Advance(TimeSpan.FromDays(2));
        await _node.FireDueAsync(_time.GetUtcNow());
        await _node.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(4, _telegram.CallsTo("sendMessage").Count + _discord.Requests.Count(r => r.Method == "POST"));
        Assert.All(_telegram.Messages.Values, text => Assert.Equal("Demo zondag", text));
        Assert.Empty(_telegram.CallsTo("editMessageText"));
        Assert.DoesNotContain(_discord.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task An_edit_of_a_post_still_being_sent_waits_for_it_and_one_not_sent_yet_gets_the_new_text()
    {
        var preview = await _node.RunAsync("aankondiging", "Demo zaterdag");
        await _node.PressAsync(Confirm(preview, AnnounceHandler.ConfirmPrefix));

        // The first Telegram group's send hangs on the wire while the moderator confirms an edit.
        var release = new TaskCompletionSource();
        _telegram.Delay = call => call.Method == "sendMessage" && call.ChatId == -1000 && !release.Task.IsCompleted ? TimeSpan.FromSeconds(2) : TimeSpan.Zero;
        var round = _node.Worker.RunOnceAsync(CancellationToken.None);
        await _telegram.WaitForAsync("sendMessage", where: c => c.ChatId == -1000);
        var edit = await _node.RunAsync("aankondiging", "wijzig 1 Demo zondag");
        var confirmed = await _node.PressAsync(Confirm(edit));
        release.SetResult();
        await round;
        await _node.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Contains("being edited in", Text(confirmed), StringComparison.Ordinal);
        Assert.All(_telegram.Messages.Values, text => Assert.Equal("Demo zondag", text));
        Assert.All(_discord.Messages.Values, text => Assert.Equal("Demo zondag", text));
        Assert.Equal(4, _telegram.CallsTo("sendMessage").Count + _discord.Requests.Count(r => r.Method == "POST"));

        // The hanging post was edited after it went; the others were edited or went out with the new text.
        Assert.Contains(_telegram.CallsTo("editMessageText"), c => c.ChatId == -1000);
        Assert.All(_telegram.CallsTo("editMessageText").Concat(_telegram.CallsTo("sendMessage")), c => Assert.True(c.ChatId == -1000 || c.Text == "Demo zondag" || _telegram.CallsTo("editMessageText").Any(e => e.ChatId == c.ChatId)));
    }

    [Fact]
    public async Task The_report_names_the_channels_that_failed_with_the_reason_in_words_and_retries_them_for_moderators_only()
    {
        _telegram.Respond = call => call.Method == "sendMessage" && call.ChatId == -1001 ? TelegramAnswer.Error(403, "Forbidden: bot was kicked from the supergroup chat") : null;
        var refusedOnce = 0;
        _discord.Respond = r => r.Method == "POST" && r.Path == "channels/90001/messages" && Interlocked.Increment(ref refusedOnce) == 1
            ? new DiscordAnswer(403, """{"message":"Missing Permissions","code":50013}""") : null;
        var preview = await _node.RunAsync("aankondiging", "Demo zaterdag");
        await _node.PressAsync(Confirm(preview, AnnounceHandler.ConfirmPrefix));
        await _node.Worker.RunOnceAsync(CancellationToken.None);
        await _node.Subscriptions.UpsertAsync(new Subscription(new ChatAddress(DiscordPlatform.Id, "90001", ChatKind.Group), SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None); // the server fixed the bot's rights and subscribed again
        var message = _discord.Messages.Keys.Single();
        _discord.DeleteByHand(message.Channel, message.Message);
        await _node.PressAsync(Confirm(await _node.RunAsync("aankondiging", "wijzig 1 Demo zondag")));
        await _node.Worker.RunOnceAsync(CancellationToken.None);

        var report = await _node.RunAsync("status", "1");
        var text = Text(report);
        Assert.Contains("2 of 4 sent, 0 pending, 2 failed", text, StringComparison.Ordinal);
        Assert.Contains("PauseAI groep -1001 — paused: the channel is gone or the bot was removed", text, StringComparison.Ordinal);
        Assert.Contains("PauseAI NL #algemeen-90001 — the bot may not write there (permissions)", text, StringComparison.Ordinal);
        Assert.Contains("Edit #1", text, StringComparison.Ordinal);
        Assert.Contains($"PauseAI NL #algemeen-{message.Channel} — the message is gone (someone deleted it)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal); // no raw JSON
        Assert.DoesNotContain("50013", text, StringComparison.Ordinal);
        var retry = Assert.Single(report.Choices);
        Assert.Contains("Retry the failed ones", retry.Label, StringComparison.Ordinal);

        Assert.True((await _node.PressAsync(retry, user: "66", moderator: false)).IsError);
        Assert.True((await _node.RunAsync("status", "1", user: "66", moderator: false)).IsError);
        var retried = await _node.PressAsync(retry);
        Assert.Contains("2 failed posts of announcement #1 queued again", Text(retried), StringComparison.Ordinal);
        await _node.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal("Demo zondag", Assert.Single(_discord.Messages, m => m.Key.Channel == "90001").Value); // the text as edited since
        Assert.Equal(2, _discord.Requests.Count(r => r.Method == "POST" && r.Path == "channels/90001/messages"));
        Assert.Single(_telegram.CallsTo("sendMessage"), c => c.ChatId == -1001); // paused: not tried again
        Assert.Contains("announcement.retry", (await _node.Announcements.RecentAuditAsync(3, CancellationToken.None)).Select(a => a.Action));
    }

    private async Task AnnounceAsync(string text)
    {
        var preview = await _node.RunAsync("aankondiging", text);
        await _node.PressAsync(Confirm(preview, AnnounceHandler.ConfirmPrefix));
        Assert.Equal(4, await _node.Worker.RunOnceAsync(CancellationToken.None));
    }

    private void AssertValidRequests()
    {
        Assert.All(_telegram.Calls, call => Assert.Empty(TelegramSpec.Validate(call.Method, call.Parameters)));
        foreach (var patch in _discord.Requests.Where(r => r.Method == "PATCH"))
        {
            Assert.Empty(OpenApiCheck.Problems(patch.Json, "MessageEditRequestPartial"));
        }

        Assert.All(_discord.Requests.Where(r => r.Method == "DELETE"), r => Assert.Matches("^channels/[0-9]+/messages/[0-9]+$", r.Path));
    }

    private static string Text(Reply reply) => PlainTextReplyFormatter.Format(reply);

    private static ReplyChoice Confirm(Reply preview, string prefix = AnnouncementChangeFlow.ConfirmPrefix) =>
        Assert.Single(preview.Choices, c => c.Arguments.StartsWith(prefix, StringComparison.Ordinal));
}
