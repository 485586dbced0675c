using System.Collections.Concurrent;
using System.Diagnostics;
using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Diagnostics;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Scheduling;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Telegram;
using Bot.Tests.Moderation;
using Bot.Tests.Scheduling;
using Bot.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Diagnostics;

/// <summary>
/// A post is traceable across the outbox: the row keeps the W3C traceparent of what queued it (a moderator's confirm,
/// a reminder job), and its <c>bot.send</c> is a child of that, in the same trace, although it runs later on the
/// delivery worker with no activity of its own around it.
/// </summary>
public sealed class TraceTests : IDisposable
{
    private static readonly ActivitySource Platform = new("Bot.Tests.Traces");
    private readonly ConcurrentBag<Activity> _stopped = [];
    private readonly ActivityListener _listener;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 2, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _temp = new();

    public TraceTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is BotTelemetry.Name or "Bot.Tests.Traces",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task An_announcement_confirm_queue_and_send_are_one_trace()
    {
        using var telegram = new RecordingMessenger(TelegramPlatform.Id);
        using var discord = new RecordingMessenger(DiscordPlatform.Id);
        await using var node = await ModerationNode.StartAsync(_temp, _time, telegram, discord);
        await node.SubscribeAsync(telegram: 2, discord: 1);
        var preview = await node.RunAsync("aankondiging", "Nu meteen", locale: "nl");
        var confirm = Assert.Single(preview.Choices, c => c.Arguments.StartsWith(AnnounceHandler.ConfirmPrefix, StringComparison.Ordinal));

        ActivityTraceId trace;
        using (var update = Platform.StartActivity("platform.update"))
        {
            trace = update!.TraceId;
            await node.PressAsync(confirm, locale: "nl");
        }

        Assert.Null(Activity.Current);
        await node.Worker.RunOnceAsync(CancellationToken.None);

        var answer = Assert.Single(_stopped, a => a.TraceId == trace && a.OperationName == "bot.answer");
        var sends = _stopped.Where(a => a.OperationName == "bot.send" && a.TraceId == trace).ToList();
        Assert.Equal(3, sends.Count);
        Assert.All(sends, s => Assert.Equal(answer.SpanId, s.ParentSpanId));
        Assert.Equal(3, telegram.Sent.Count + discord.Sent.Count);
    }

    [Fact]
    public async Task A_reminder_job_queue_and_sends_are_one_trace()
    {
        var catalog = new EventCatalog(NullLogger<EventCatalog>.Instance);
        catalog.SetSource("file", new CatalogLoadResult(
            [new BotEvent("trace-summit", EventKind.Summit, new LocalizedText("Top", "Summit"), new DateTime(2025, 2, 10, 9, 0, 0), new DateTime(2025, 2, 10, 18, 0, 0),
                TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), "Parijs", null, null)],
            []));
        await using var database = _temp.Open(_time);
        await database.InitializeAsync(CancellationToken.None);
        var subscriptions = new SubscriptionStore(database, _time);
        for (var i = 0; i < 4; i++)
        {
            await subscriptions.UpsertAsync(new Subscription(new ChatAddress(TelegramPlatform.Id, "-100" + i, ChatKind.Group), SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);
        }

        var outbox = new OutboxStore(database, _time);
        var signal = new DeliverySignal();
        var poster = new ReminderPoster(catalog, subscriptions, outbox, signal, new ReaderZones(new UserZoneStore(database, _time)),
            new StaticOptionsMonitor<RemindersOptions>(new RemindersOptions()), _time, NullLogger<ReminderPoster>.Instance);
        using var messenger = new RecordingMessenger(TelegramPlatform.Id);
        using var worker = new DeliveryWorker(outbox, subscriptions, [messenger], signal, Options.Create(new DeliveryOptions()), database, _time, NullLogger<DeliveryWorker>.Instance,
            new DeliveryRateLimiter(Options.Create(new DeliveryOptions()), [], _time), [new OutboxPostRenderer<ReminderPost>()]);

        ActivityTraceId trace;
        using (var fired = Platform.StartActivity("scheduler.fired"))
        {
            trace = fired!.TraceId;
            Assert.Equal(4, await poster.PostAsync("trace-summit", CancellationToken.None));
        }

        Assert.Null(Activity.Current);
        await worker.RunOnceAsync(CancellationToken.None);

        var job = Assert.Single(_stopped, a => a.TraceId == trace && a.OperationName == "bot.reminder");
        Assert.Equal("trace-summit", job.GetTagItem("bot.event"));
        var sends = _stopped.Where(a => a.OperationName == "bot.send" && a.TraceId == trace).ToList();
        Assert.Equal(4, sends.Count);
        Assert.All(sends, s => Assert.Equal(job.SpanId, s.ParentSpanId));
        Assert.Equal(4, messenger.Sent.Count);
    }
}
