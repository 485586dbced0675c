using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Telegram;
using Bot.Tests.Storage;
using Markdig.Syntax;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Moderation;

public sealed class AnnouncementTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _temp = new();
    private readonly CapturingMessenger _telegram = new(TelegramPlatform.Id);
    private readonly CapturingMessenger _discord = new(DiscordPlatform.Id);

    public void Dispose() => _temp.Dispose();

    private Task<ModerationNode> StartAsync() => ModerationNode.StartAsync(_temp, _time, _telegram, _discord);

    private static string Text(Reply reply) => PlainTextReplyFormatter.Format(reply);

    private static ReplyChoice Confirm(Reply preview) => Assert.Single(preview.Choices, c => c.Arguments.StartsWith(AnnounceHandler.ConfirmPrefix, StringComparison.Ordinal));

    private static ReplyChoice Cancel(Reply preview) => Assert.Single(preview.Choices, c => c.Arguments.StartsWith(AnnounceHandler.CancelPrefix, StringComparison.Ordinal));

    private static async Task<long> CountAsync(ModerationNode node, string sql)
    {
        await using var connection = await node.Database.OpenAsync(CancellationToken.None);
        return Convert.ToInt64(await BotDatabase.ScalarAsync(connection, null, sql, CancellationToken.None), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_preview_is_private_counts_the_channels_and_nothing_is_queued_before_confirming()
    {
        await using var node = await StartAsync();
        await node.SubscribeAsync(telegram: 3, discord: 2);

        var preview = await node.RunAsync("aankondiging", "Protest **morgen** bij het Binnenhof!");

        Assert.True(preview.Private);
        Assert.False(preview.IsError);
        Assert.False(preview.MassMention);
        Assert.Contains("Will reach 5 channels (3 on Telegram and 2 on Discord)", Text(preview), StringComparison.Ordinal);
        Assert.Contains("Protest morgen bij het Binnenhof!", Text(preview), StringComparison.Ordinal);
        Assert.Equal(2, preview.Choices.Count);
        Assert.Equal(0, await CountAsync(node, "SELECT COUNT(*) FROM bot_outbox"));
        Assert.Equal(0, await node.Worker.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_second_confirm_sends_nothing_more_and_every_channel_gets_it_once()
    {
        await using var node = await StartAsync();
        await node.SubscribeAsync(telegram: 3, discord: 2);
        var preview = await node.RunAsync("aankondiging", "Hallo iedereen");
        var confirm = Confirm(preview);

        var first = await node.PressAsync(confirm);
        var second = await node.PressAsync(confirm);
        await node.Worker.RunOnceAsync(CancellationToken.None);
        var third = await node.PressAsync(confirm);
        await node.Worker.RunOnceAsync(CancellationToken.None);

        Assert.False(first.IsError);
        Assert.Contains("going out to 5 channels", Text(first), StringComparison.Ordinal);
        Assert.True(second.IsError);
        Assert.Contains("already confirmed", Text(second), StringComparison.Ordinal);
        Assert.True(third.IsError);
        Assert.Equal(3, _telegram.Sent.Count);
        Assert.Equal(2, _discord.Sent.Count);
        Assert.Equal(5, _telegram.Sent.Concat(_discord.Sent).Select(s => s.Chat).Distinct().Count());
        Assert.All(_telegram.Sent.Concat(_discord.Sent), s => Assert.Equal("Hallo iedereen", Text(s.Reply).Trim()));
    }

    [Fact]
    public async Task Two_confirms_at_the_same_moment_queue_each_channel_once()
    {
        await using var node = await StartAsync();
        await node.SubscribeAsync(telegram: 20, discord: 20);
        var confirm = Confirm(await node.RunAsync("aankondiging", "Tegelijk"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => node.PressAsync(confirm).AsTask()));

        Assert.Single(answers, a => !a.IsError);
        Assert.Equal(40, await CountAsync(node, "SELECT COUNT(*) FROM bot_outbox"));
    }

    [Fact]
    public async Task Another_user_cannot_confirm_or_cancel_and_a_non_moderator_cannot_announce()
    {
        await using var node = await StartAsync();
        await node.SubscribeAsync(telegram: 1, discord: 1);
        var preview = await node.RunAsync("aankondiging", "Alleen van mij", user: "42");

        var otherModerator = await node.PressAsync(Confirm(preview), user: "43");
        var otherMember = await node.PressAsync(Confirm(preview), user: "44", moderator: false);
        var otherCancel = await node.PressAsync(Cancel(preview), user: "43");
        var sameIdOtherPlatform = await node.PressAsync(Confirm(preview), user: "42", platform: DiscordPlatform.Id);
        var member = await node.RunAsync("aankondiging", "Ik ben geen moderator", user: "44", moderator: false);

        Assert.Contains("not for you", Text(otherModerator), StringComparison.Ordinal);
        Assert.Contains("not for you", Text(otherMember), StringComparison.Ordinal);
        Assert.Contains("not for you", Text(otherCancel), StringComparison.Ordinal);
        Assert.Contains("not for you", Text(sameIdOtherPlatform), StringComparison.Ordinal);
        Assert.True(member.IsError);
        Assert.Contains("moderators only", Text(member), StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(node, "SELECT COUNT(*) FROM bot_announcements"));
        Assert.Equal(0, await CountAsync(node, "SELECT COUNT(*) FROM bot_outbox"));

        // The author still can, also from their private chat with the bot, where no group admin counts as a moderator:
        // the router asks whether they moderate the group the preview was asked in.
        Assert.False((await node.PressAsync(Confirm(preview), user: "42", moderator: false, kind: ChatKind.Private)).IsError);
        Assert.Equal(2, await CountAsync(node, "SELECT COUNT(*) FROM bot_outbox"));
    }

    [Fact]
    public async Task An_author_who_is_no_longer_a_moderator_of_the_group_cannot_confirm_their_preview()
    {
        await using var node = await StartAsync();
        await node.SubscribeAsync(telegram: 2, discord: 0);
        var preview = await node.RunAsync("aankondiging", "Net voor mijn vertrek");
        node.Telegram.Set(new ChatAddress(TelegramPlatform.Id, "-1007", ChatKind.Group), "42", moderator: false);

        var refused = await node.PressAsync(Confirm(preview), kind: ChatKind.Private);

        Assert.True(refused.IsError);
        Assert.Contains("moderators only", Text(refused), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(node, "SELECT COUNT(*) FROM bot_outbox"));
        Assert.Equal(1, await CountAsync(node, "SELECT COUNT(*) FROM bot_announcements WHERE status = 'pending'"));
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")] // well-formed, never issued
    [InlineData("/aankondiging bevestig:1")] // the command text of an old button
    [InlineData("")]
    public async Task A_forged_token_is_answered_politely_and_does_nothing(string token)
    {
        await using var node = await StartAsync();
        await node.SubscribeAsync(telegram: 2, discord: 0);
        await node.RunAsync("aankondiging", "Niet zo");

        var reply = await node.PressAsync(token);

        Assert.True(reply.IsError);
        Assert.Equal("I don't know this button (any more). Please type the command again.", Text(reply).Trim());
        Assert.Equal(0, await CountAsync(node, "SELECT COUNT(*) FROM bot_outbox"));
        Assert.Equal(1, await CountAsync(node, "SELECT COUNT(*) FROM bot_announcements WHERE status = 'pending'"));
    }

    [Fact]
    public async Task An_expired_button_is_answered_politely_and_does_nothing()
    {
        await using var node = await StartAsync();
        await node.SubscribeAsync(telegram: 2, discord: 0);
        var preview = await node.RunAsync("aankondiging", "Te laat bevestigd");

        _time.Advance(ButtonStore.Lifetime);
        var expired = await node.PressAsync(Confirm(preview));
        var cancelExpired = await node.PressAsync(Cancel(preview));

        Assert.True(expired.IsError);
        Assert.Equal("This button has expired. Please type the command again.", Text(expired).Trim());
        Assert.True(cancelExpired.IsError);
        Assert.Equal(0, await CountAsync(node, "SELECT COUNT(*) FROM bot_outbox"));
        Assert.Equal(1, await CountAsync(node, "SELECT COUNT(*) FROM bot_announcements WHERE status = 'pending'"));

        // Issuing later buttons clears rows that expired a lifetime ago; the late press is then simply unknown.
        _time.Advance(ButtonStore.Lifetime + TimeSpan.FromSeconds(1));
        await node.RunAsync("aankondiging", "Een nieuwe");
        Assert.Equal(2, await CountAsync(node, "SELECT COUNT(*) FROM bot_buttons"));
        Assert.Contains("don't know this button", Text(await node.PressAsync(Confirm(preview))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_button_still_works_after_a_restart_on_the_same_database()
    {
        var node1 = await StartAsync();
        await node1.SubscribeAsync(telegram: 2, discord: 1);
        var preview = await node1.RunAsync("aankondiging", "Na de herstart");
        await node1.DisposeAsync();

        await using var node2 = await StartAsync();
        var confirmed = await node2.PressAsync(Confirm(preview), moderator: true);

        Assert.False(confirmed.IsError, Text(confirmed));
        Assert.Contains("going out to 3 channels", Text(confirmed), StringComparison.Ordinal);
        Assert.Equal(3, await CountAsync(node2, "SELECT COUNT(*) FROM bot_outbox"));
    }

    [Fact]
    public async Task Cancel_works_once_and_a_cancelled_preview_cannot_be_confirmed()
    {
        await using var node = await StartAsync();
        await node.SubscribeAsync(telegram: 2, discord: 0);
        var preview = await node.RunAsync("aankondiging", "Toch niet");

        var cancelled = await node.PressAsync(Cancel(preview));
        var again = await node.PressAsync(Cancel(preview));
        var confirm = await node.PressAsync(Confirm(preview));
        await node.Worker.RunOnceAsync(CancellationToken.None);

        Assert.False(cancelled.IsError);
        Assert.Contains("cancelled; nothing was sent", Text(cancelled), StringComparison.Ordinal);
        Assert.True(again.IsError);
        Assert.Contains("already cancelled", Text(again), StringComparison.Ordinal);
        Assert.True(confirm.IsError);
        Assert.Empty(_telegram.Sent);
    }

    [Fact]
    public async Task Confirm_and_cancel_are_recorded_in_the_audit_log_and_status_shows_progress()
    {
        await using var node = await StartAsync();
        await node.SubscribeAsync(telegram: 2, discord: 1);
        var preview = await node.RunAsync("aankondiging", "Voor de status");
        await node.PressAsync(Confirm(preview));
        var before = Text(await node.RunAsync("status", string.Empty));
        await node.Worker.RunOnceAsync(CancellationToken.None);

        var status = await node.RunAsync("status", string.Empty);
        var refused = await node.RunAsync("status", string.Empty, moderator: false);

        Assert.Contains("0 sent, 3 pending, 0 failed, 0 unknown whether it arrived (of 3 channels)", before, StringComparison.Ordinal);
        Assert.True(status.Private);
        Assert.Contains("3 sent, 0 pending, 0 failed, 0 unknown whether it arrived (of 3 channels)", Text(status), StringComparison.Ordinal);
        Assert.Matches(@"announcement #\d+ sent, 3 channels \(via Telegram\)", Text(status));
        Assert.DoesNotContain("Telegram:", Text(status), StringComparison.Ordinal);
        Assert.DoesNotContain("announcement.send", Text(status), StringComparison.Ordinal);
        Assert.True(refused.IsError);
        Assert.Equal(1, await CountAsync(node, "SELECT COUNT(*) FROM bot_audit WHERE action = 'announcement.preview' AND actor = 'Telegram:42'"));
        Assert.Equal(1, await CountAsync(node, "SELECT COUNT(*) FROM bot_audit WHERE action = 'announcement.send' AND detail LIKE '%to 3 channels (2 Telegram, 1 Discord)%' AND detail LIKE '%from Telegram:-1007%'"));
    }

    [Fact]
    public async Task A_scheduled_announcement_goes_out_at_its_local_time_and_can_be_listed_and_cancelled()
    {
        await using var node = await StartAsync();
        await node.SubscribeAsync(telegram: 1, discord: 1);

        // 14:00 in Amsterdam on 2 March 2026 is 13:00 UTC.
        var preview = await node.RunAsync("aankondiging", "om 2026-03-02 14:00 Vanmiddag **actie**");
        var other = await node.RunAsync("aankondiging", "at 3-3-2026 9.30 Later");
        Assert.Contains("at Monday 2 March 2026, 14:00", Text(preview), StringComparison.Ordinal);
        await node.PressAsync(Confirm(preview));
        await node.PressAsync(Confirm(other));
        var list = Text(await node.RunAsync("aankondigingen", string.Empty));
        Assert.Contains("Monday 2 March 2026, 14:00", list, StringComparison.Ordinal);
        Assert.Contains("Tuesday 3 March 2026, 09:30", list, StringComparison.Ordinal);

        // Confirming sets a trigger (13:00 UTC) and queues nothing yet.
        var id = long.Parse(Confirm(preview).Arguments[AnnounceHandler.ConfirmPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 13, 0, 0, TimeSpan.Zero), node.Scheduler.Triggers[id]);
        Assert.Equal(0, await CountAsync(node, "SELECT COUNT(*) FROM bot_outbox"));

        var otherId = Confirm(other).Arguments[AnnounceHandler.ConfirmPrefix.Length..];
        var cancel = await node.RunAsync("aankondigingen", "annuleer " + otherId, user: "77");
        Assert.False(cancel.IsError, Text(cancel));
        Assert.Equal([id], node.Scheduler.Triggers.Keys);

        _time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 12, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await node.FireDueAsync(_time.GetUtcNow()));
        Assert.Equal(0, await node.Worker.RunOnceAsync(CancellationToken.None));
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 13, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, await node.FireDueAsync(_time.GetUtcNow()));
        Assert.Equal(2, await node.Worker.RunOnceAsync(CancellationToken.None));
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await node.FireDueAsync(_time.GetUtcNow()));
        Assert.Equal(0, await node.Worker.RunOnceAsync(CancellationToken.None));

        Assert.Single(_telegram.Sent);
        Assert.Single(_discord.Sent);
        Assert.Contains("Vanmiddag actie", Text(_telegram.Sent[0].Reply), StringComparison.Ordinal);
        var sentAgain = await node.RunAsync("aankondigingen", "annuleer " + Confirm(preview).Arguments[AnnounceHandler.ConfirmPrefix.Length..]);
        Assert.Contains("already gone out", Text(sentAgain), StringComparison.Ordinal);
        Assert.Contains("No announcements are scheduled", Text(await node.RunAsync("aankondigingen", string.Empty)), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(node, "SELECT COUNT(*) FROM bot_outbox WHERE dedup_key LIKE 'announcement:" + otherId + ":%'"));
        Assert.Equal(1, await CountAsync(node, "SELECT COUNT(*) FROM bot_announcements WHERE status = 'cancelled' AND id = " + otherId));

        // The job running again (a misfire or a retry) queues nothing and writes no second audit entry.
        Assert.Equal(0, await node.Announcements.ReleaseAsync(id, "scheduler", CancellationToken.None));
        Assert.Equal(2, await CountAsync(node, "SELECT COUNT(*) FROM bot_outbox"));
        Assert.Equal(1, await CountAsync(node, "SELECT COUNT(*) FROM bot_audit WHERE action = 'announcement.send' AND actor = 'scheduler' AND detail LIKE '#" + id + " %to 2 channels%'"));
        Assert.Equal(1, await CountAsync(node, "SELECT COUNT(*) FROM bot_audit WHERE action = 'announcement.schedule'"
            + " AND detail LIKE '#" + id + " %'"));
    }

    [Fact]
    public async Task A_channel_that_subscribes_after_confirming_but_before_the_moment_receives_the_scheduled_announcement()
    {
        await using var node = await StartAsync();
        await node.SubscribeAsync(telegram: 1, discord: 0);
        var preview = await node.RunAsync("aankondiging", "om 2026-03-02 14:00 Vanmiddag actie");
        var confirmed = await node.PressAsync(Confirm(preview));
        Assert.Contains("to 1 channel (those subscribed by then)", Text(confirmed), StringComparison.Ordinal);

        _time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await node.SubscribeAsync(telegram: 0, discord: 1);
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 13, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, await node.FireDueAsync(_time.GetUtcNow()));
        Assert.Equal(2, await node.Worker.RunOnceAsync(CancellationToken.None));

        Assert.Single(_telegram.Sent);
        var discord = Assert.Single(_discord.Sent);
        Assert.Contains("Vanmiddag actie", Text(discord.Reply), StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync(node, "SELECT channels FROM bot_announcements"));
    }

    [Fact]
    public async Task A_scheduled_announcement_cancelled_before_its_moment_sends_nothing_even_if_its_job_still_runs()
    {
        await using var node = await StartAsync();
        await node.SubscribeAsync(telegram: 2, discord: 1);
        var preview = await node.RunAsync("aankondiging", "om 2026-03-02 14:00 Gaat niet door");
        await node.PressAsync(Confirm(preview));
        var id = Confirm(preview).Arguments[AnnounceHandler.ConfirmPrefix.Length..];
        Assert.Single(node.Scheduler.Triggers);

        var cancel = await node.RunAsync("aankondigingen", "annuleer " + id);
        Assert.False(cancel.IsError, Text(cancel));
        Assert.Empty(node.Scheduler.Triggers);

        _time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 13, 0, 0, TimeSpan.Zero));
        Assert.Null(await node.Announcements.ReleaseAsync(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), "scheduler", CancellationToken.None));
        Assert.Equal(0, await node.Worker.RunOnceAsync(CancellationToken.None));
        Assert.Empty(_telegram.Sent);
        Assert.Empty(_discord.Sent);
        Assert.Equal(0, await CountAsync(node, "SELECT COUNT(*) FROM bot_outbox"));
    }

    [Theory]
    [InlineData("om 2026-03-02 07:00 Te laat", "already passed")]
    [InlineData("om 2026-03-29 02:30 Bestaat niet (zomertijd)", "Write the moment")]
    [InlineData("om morgen Zonder tijd", "Write the moment")]
    [InlineData("--iedereen", "Give the text")]
    public async Task Impossible_moments_and_empty_texts_are_refused(string arguments, string expected)
    {
        await using var node = await StartAsync();

        var reply = await node.RunAsync("aankondiging", arguments);

        Assert.True(reply.IsError);
        Assert.Contains(expected, Text(reply), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(node, "SELECT COUNT(*) FROM bot_announcements"));
    }

    [Fact]
    public async Task A_mass_mention_needs_the_explicit_option_and_the_preview_never_pings()
    {
        await using var node = await StartAsync();
        await node.SubscribeAsync(telegram: 0, discord: 1);
        var plain = await node.RunAsync("aankondiging", "@everyone kom allemaal");
        var asked = await node.RunAsync("aankondiging", "--iedereen Kom allemaal");
        await node.PressAsync(Confirm(plain));
        await node.PressAsync(Confirm(asked));
        await node.Worker.RunOnceAsync(CancellationToken.None);

        Assert.False(asked.MassMention);
        Assert.Equal(2, _discord.Sent.Count);
        var fromText = Assert.Single(_discord.Sent, s => Text(s.Reply).Contains("@everyone kom", StringComparison.Ordinal)).Reply;
        var fromOption = Assert.Single(_discord.Sent, s => Text(s.Reply).Contains("Kom allemaal", StringComparison.Ordinal)).Reply;
        Assert.False(fromText.MassMention);
        Assert.DoesNotContain(fromText.Body.SelectMany(Inlines), i => i is MassMentionInline);
        Assert.True(fromOption.MassMention);
        Assert.Contains(fromOption.Body.SelectMany(Inlines), i => i is MassMentionInline);
    }

    [Fact]
    public async Task Killed_in_the_middle_of_a_broadcast_it_resumes_without_duplicates()
    {
        var first = new CapturingMessenger(TelegramPlatform.Id);
        var crashed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        first.BeforeSend = count =>
        {
            if (count == 4)
            {
                crashed.TrySetResult();
                return new TaskCompletionSource().Task; // the process dies during this send
            }

            return Task.CompletedTask;
        };
        var node1 = await ModerationNode.StartAsync(_temp, _time, first);
        await node1.SubscribeAsync(telegram: 10, discord: 0);
        var preview = await node1.RunAsync("aankondiging", "Groot nieuws");
        await node1.PressAsync(Confirm(preview));
        _ = node1.Worker.RunOnceAsync(CancellationToken.None);
        await crashed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await node1.Database.DisposeAsync();

        var second = new CapturingMessenger(TelegramPlatform.Id);
        await using var node2 = await ModerationNode.StartAsync(_temp, _time, second);
        var replay = await node2.PressAsync(Confirm(preview), moderator: true);
        await node2.Worker.SettleInterruptedAsync(CancellationToken.None);
        await node2.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Contains("already confirmed", Text(replay), StringComparison.Ordinal);
        Assert.Equal(4, first.Sent.Count);
        Assert.Equal(6, second.Sent.Count);
        Assert.Equal(10, first.Sent.Concat(second.Sent).Select(s => s.Chat).Distinct().Count());
        var status = Text(await node2.RunAsync("status", string.Empty));
        // The post on the wire at the crash is not counted as failed: it may have arrived.
        Assert.Contains("9 sent, 0 pending, 0 failed, 1 unknown whether it arrived (of 10 channels)", status, StringComparison.Ordinal);
        Assert.Contains("Look in those channels", status, StringComparison.Ordinal);
    }

    private static IEnumerable<Markdig.Syntax.Inlines.Inline> Inlines(Markdig.Syntax.Block block) =>
        block is Markdig.Syntax.LeafBlock { Inline: { } container } ? container.Descendants<Markdig.Syntax.Inlines.Inline>() : [];
}
