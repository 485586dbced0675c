using Bot.Core;
using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Telegram;
using Bot.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using Xunit;

namespace Bot.Tests.Moderation;

/// <summary>Scheduled announcements end to end through Quartz (in-memory store, fake time): confirm → trigger → job → outbox → messengers.</summary>
public sealed class QuartzAnnouncementTests : IDisposable
{
    // 09:00 in Amsterdam; the announcement is for 14:00 Amsterdam = 13:00 UTC.
    private static readonly DateTimeOffset Moment = new(2026, 3, 2, 13, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _temp = new();
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("bot-root-");
    private readonly CapturingMessenger _telegram = new(TelegramPlatform.Id);
    private readonly CapturingMessenger _discord = new(DiscordPlatform.Id);

    public QuartzAnnouncementTests() => File.WriteAllText(Path.Combine(_root.FullName, "events.yaml"), "events: []\n");

    public void Dispose()
    {
        _temp.Dispose();
        _root.Delete(recursive: true);
    }

    private IHost Build()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = _root.FullName,
            EnvironmentName = "Test",
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scheduler:InMemory"] = "true",
            ["Storage:ConnectionString"] = _temp.ConnectionString,
            ["Events:File"] = "events.yaml",
            ["Events:Watch"] = "false",
            ["Delivery:PollInterval"] = "00:00:01",
        });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.AddBotCore(q => q.UseTimeProvider(_time));
        builder.Services.AddSingleton<IMessenger>(_telegram);
        builder.Services.AddSingleton<IMessenger>(_discord);
        return builder.Build();
    }

    private static ValueTask<Reply> RunAsync(IHost host, string command, string arguments) =>
        Handler(host, command).HandleAsync(Request(command, arguments), CancellationToken.None);

    private static ICommandHandler Handler(IHost host, string command) =>
        host.Services.GetServices<ICommandHandler>().Single(h => h.Descriptor.AllNames.Contains(command));

    private static CommandRequest Request(string command, string arguments) =>
        new(command, arguments, new UserRef("42", "mod"), new ChatAddress(TelegramPlatform.Id, "-1007", ChatKind.Group), "en");

    private static Task SubscribeAsync(IHost host, PlatformId platform, string chat) =>
        host.Services.GetRequiredService<SubscriptionStore>().UpsertAsync(
            new Subscription(new ChatAddress(platform, chat, ChatKind.Group), SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);

    /// <summary>Writes and confirms a scheduled announcement; returns its id.</summary>
    private static async Task<long> ScheduleAsync(IHost host, string text)
    {
        var preview = await RunAsync(host, "aankondiging", "om 2026-03-02 14:00 " + text);
        var confirm = Assert.Single(preview.Choices, c => c.Arguments.StartsWith(AnnounceHandler.ConfirmPrefix, StringComparison.Ordinal));
        var confirmed = await ((IFollowUpHandler)Handler(host, "aankondiging")).FollowUpAsync(Request("aankondiging", string.Empty), confirm.Arguments, CancellationToken.None);
        Assert.False(confirmed.IsError, PlainTextReplyFormatter.Format(confirmed));
        return long.Parse(confirm.Arguments[AnnounceHandler.ConfirmPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<long> CountAsync(IHost host, string sql)
    {
        await using var connection = await host.Services.GetRequiredService<BotDatabase>().OpenAsync(CancellationToken.None);
        return Convert.ToInt64(await BotDatabase.ScalarAsync(connection, null, sql, CancellationToken.None), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Moves the fake clock to <paramref name="moment"/> in steps of at most an hour, the last seconds one at a
    /// time, with a short real pause after each so Quartz's scheduler thread re-arms its wait (as in QuartzReminderTests).
    /// </summary>
    private async Task AdvanceToAsync(DateTimeOffset moment)
    {
        while (moment - _time.GetUtcNow() > TimeSpan.FromSeconds(3))
        {
            var step = moment - _time.GetUtcNow() - TimeSpan.FromSeconds(3);
            _time.Advance(step > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : step);
            await Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System);
        }

        while (_time.GetUtcNow() < moment)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }
    }

    /// <summary>Ticks the fake clock a second at a time until <paramref name="done"/> holds, within 30 s of fake time.</summary>
    private async Task PumpUntilAsync(Func<bool> done)
    {
        var end = _time.GetUtcNow() + TimeSpan.FromSeconds(30);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!done())
        {
            Assert.True(_time.GetUtcNow() < end, "nothing arrived within the allowed fake time");
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, timeout.Token);
        }
    }

    [Fact]
    public async Task The_trigger_fires_once_at_the_moment_and_reaches_the_channels_subscribed_then()
    {
        using var host = Build();
        await host.StartAsync();
        await SubscribeAsync(host, TelegramPlatform.Id, "-1001");
        var id = await ScheduleAsync(host, "Vanmiddag **actie**");

        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = await scheduler.GetTrigger(QuartzAnnouncementScheduler.KeyOf(id));
        Assert.NotNull(trigger);
        Assert.Equal(Moment, trigger.NextFireTimeUtc);
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM bot_outbox"));

        // A Discord channel subscribes after the confirm, before the moment.
        await AdvanceToAsync(Moment - TimeSpan.FromHours(2));
        await SubscribeAsync(host, DiscordPlatform.Id, "90001");

        await AdvanceToAsync(Moment - TimeSpan.FromSeconds(2));
        Assert.Empty(_telegram.Sent);
        Assert.Empty(_discord.Sent);
        await PumpUntilAsync(() => _telegram.Sent.Count + _discord.Sent.Count >= 2);
        Assert.True(_time.GetUtcNow() >= Moment);

        // A day later still exactly one post per channel, one job run, and the trigger is gone.
        await AdvanceToAsync(Moment + TimeSpan.FromDays(1));
        Assert.Null(await scheduler.GetTrigger(QuartzAnnouncementScheduler.KeyOf(id)));
        await host.StopAsync();
        Assert.Contains("Vanmiddag actie", PlainTextReplyFormatter.Format(Assert.Single(_telegram.Sent).Reply), StringComparison.Ordinal);
        Assert.Contains("Vanmiddag actie", PlainTextReplyFormatter.Format(Assert.Single(_discord.Sent).Reply), StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync(host, "SELECT COUNT(*) FROM bot_outbox WHERE status = 'sent'"));
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM bot_audit WHERE action = 'announcement.send' AND actor = 'scheduler'"));
    }

    [Fact]
    public async Task A_scheduled_announcement_whose_trigger_is_missing_at_start_gets_it_back_and_goes_out_once()
    {
        long id;
        using (var first = Build())
        {
            await first.StartAsync();
            await SubscribeAsync(first, TelegramPlatform.Id, "-1001");
            id = await ScheduleAsync(first, "Na een herstart");
            await first.StopAsync();
        }

        // The in-memory Quartz store forgot the trigger; the announcement is still confirmed in the database.
        using var second = Build();
        await second.StartAsync();
        var scheduler = await second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.Equal(Moment, (await scheduler.GetTrigger(QuartzAnnouncementScheduler.KeyOf(id)))?.NextFireTimeUtc);

        await AdvanceToAsync(Moment - TimeSpan.FromSeconds(2));
        await PumpUntilAsync(() => _telegram.Sent.Count >= 1);
        await AdvanceToAsync(Moment + TimeSpan.FromHours(1));
        await second.StopAsync();
        Assert.Contains("Na een herstart", PlainTextReplyFormatter.Format(Assert.Single(_telegram.Sent).Reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_before_the_moment_removes_the_trigger_and_sends_nothing()
    {
        using var host = Build();
        await host.StartAsync();
        await SubscribeAsync(host, TelegramPlatform.Id, "-1001");
        await SubscribeAsync(host, DiscordPlatform.Id, "90001");
        var id = await ScheduleAsync(host, "Gaat niet door");
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.True(await scheduler.Exists(QuartzAnnouncementScheduler.KeyOf(id)));

        var cancel = await RunAsync(host, "aankondigingen", "annuleer " + id);
        Assert.False(cancel.IsError, PlainTextReplyFormatter.Format(cancel));
        Assert.False(await scheduler.Exists(QuartzAnnouncementScheduler.KeyOf(id)));

        await AdvanceToAsync(Moment + TimeSpan.FromMinutes(1));
        await PumpUntilAsync(() => _time.GetUtcNow() >= Moment + TimeSpan.FromMinutes(1, 10));
        await host.StopAsync();
        Assert.Empty(_telegram.Sent);
        Assert.Empty(_discord.Sent);
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM bot_outbox"));
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM bot_announcements WHERE status = 'cancelled'"));
    }
}
