using Bot.Core.Moderation;
using Bot.Core.Storage;
using Bot.Telegram;
using Bot.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Moderation;

/// <summary>The announcement store's SQL on PostgreSQL (skipped without <c>BOT_TEST_POSTGRES</c>).</summary>
public sealed class PostgresAnnouncementTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    [SkippableFact]
    public async Task Two_nodes_confirming_at_once_queue_each_channel_once_and_cancel_withdraws_a_schedule()
    {
        TestPostgres.SkipIfAbsent();
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await using var a = await ModerationNode.StartAsync(new BotDatabase(StorageProvider.Postgres, connectionString, _time, NullLogger<BotDatabase>.Instance), _time, new CapturingMessenger(TelegramPlatform.Id));
        await using var b = await ModerationNode.StartAsync(new BotDatabase(StorageProvider.Postgres, connectionString, _time, NullLogger<BotDatabase>.Instance), _time, new CapturingMessenger(TelegramPlatform.Id));
        await a.SubscribeAsync(telegram: 10, discord: 10);
        var preview = await a.RunAsync("aankondiging", "Op twee nodes");
        var confirm = preview.Choices[0];

        // The button a issued works on b too: its token is in the shared database.
        var answers = await Task.WhenAll(
            a.PressAsync(confirm).AsTask(),
            b.PressAsync(confirm, moderator: true).AsTask(),
            a.PressAsync(confirm).AsTask(),
            b.PressAsync(confirm, moderator: true).AsTask());

        Assert.Single(answers, r => !r.IsError);
        Assert.Equal(20, (await a.Outbox.CountByStatusAsync(CancellationToken.None))["pending"]);

        var scheduled = await b.RunAsync("aankondiging", "om morgen 9:30 Later");
        await b.PressAsync(scheduled.Choices[0]);
        var id = long.Parse(scheduled.Choices[0].Arguments[AnnounceHandler.ConfirmPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Single(await a.Announcements.ScheduledAsync(CancellationToken.None));
        Assert.Equal(AnnouncementDecision.Done, await a.Announcements.CancelAsync(id, "Telegram:7", anyModerator: true, CancellationToken.None));
        Assert.Empty(await a.Announcements.ProgressAsync(id, CancellationToken.None)); // scheduled: nothing queued before its moment
        Assert.Equal(3, (await a.Announcements.RecentAuditAsync(3, CancellationToken.None)).Count);
    }
}
