using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Telegram;
using Bot.Tests.Storage;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Moderation;

/// <summary>One bot "process" for moderation tests: database, stores, the moderator commands behind a real router, and a delivery worker.</summary>
internal sealed class ModerationNode : IAsyncDisposable
{
    private ModerationNode(BotDatabase database, FakeTimeProvider time, IReadOnlyList<IMessenger> messengers, ModerationOptions? moderation = null)
    {
        Database = database;
        Subscriptions = new SubscriptionStore(database, time);
        Outbox = new OutboxStore(database, time);
        Announcements = new AnnouncementStore(database, Subscriptions, time);
        Changes = new AnnouncementChangeStore(database, time);
        var texts = new UiTexts();
        var options = Options.Create(moderation ?? new ModerationOptions());
        Router = TestRouter.Create(
            database,
            time,
            [
                new AnnounceHandler(Announcements, Subscriptions, Signal, Scheduler, texts, time, options, TestPlatforms.Directory, Changes),
                new AnnouncementsHandler(Announcements, Scheduler, texts, options),
                new StatusHandler(Announcements, Outbox, new EventCatalog(NullLogger<EventCatalog>.Instance), texts, options, TestPlatforms.Directory, [],
                    new AnnouncementReport(Announcements, Changes, Outbox, Subscriptions, new ChatNames(new ChatNameStore(database, time), messengers, TestPlatforms.Directory), TestPlatforms.Directory, Signal, database, time)),
                new Bot.Core.Scheduling.SubscribeHandler(Subscriptions, texts),
                new Bot.Core.Scheduling.SubscriptionsHandler(Subscriptions, texts, TestPlatforms.Directory),
            ],
            Telegram,
            Discord);
        // One send at a time, so that "the n-th send" of a test is well defined (parallel sends and a
        // crash during them: Bot.Tests/Broadcast).
        Worker = new DeliveryWorker(Outbox, Subscriptions, messengers, Signal, Options.Create(new DeliveryOptions { BatchSize = 100, MaxParallelSends = 1 }), database, time, NullLogger<DeliveryWorker>.Instance,
            new DeliveryRateLimiter(Options.Create(new DeliveryOptions()), [], time),
            [new OutboxPostRenderer<AnnouncementPost>(), new OutboxPostRenderer<Bot.Core.Scheduling.ReminderPost>(),
             new OutboxChangeRenderer<AnnouncementEdit>(), new OutboxChangeRenderer<AnnouncementRetraction>(), new OutboxChangeRenderer<BroadcastProgressEdit>()]);
        Progress = new BroadcastProgressTicker(new BroadcastProgressStore(database, time), Outbox, Signal, time, NullLogger<BroadcastProgressTicker>.Instance);
    }

    public BotDatabase Database { get; }

    public SubscriptionStore Subscriptions { get; }

    public OutboxStore Outbox { get; }

    public AnnouncementStore Announcements { get; }

    public AnnouncementChangeStore Changes { get; }

    public DeliverySignal Signal { get; } = new();

    /// <summary>The announcement triggers that are set; <see cref="FireDueAsync"/> plays Quartz.</summary>
    public RecordingAnnouncementScheduler Scheduler { get; } = new();

    public CommandRouter Router { get; }

    /// <summary>Who moderates which Telegram chat, as Telegram would say; <see cref="RunAsync"/> sets it for the asker.</summary>
    public FakeModeratorCheck Telegram { get; } = new(TelegramPlatform.Id);

    /// <summary>The same for Discord.</summary>
    public FakeModeratorCheck Discord { get; } = new(DiscordPlatform.Id);

    public DeliveryWorker Worker { get; }

    /// <summary>The ticker that queues the edits of large broadcasts' progress messages (stepped by the tests).</summary>
    public BroadcastProgressTicker Progress { get; }

    public static Task<ModerationNode> StartAsync(TempSqlite temp, FakeTimeProvider time, params IMessenger[] messengers) =>
        StartAsync(temp.Open(time), time, messengers);

    public static async Task<ModerationNode> StartAsync(BotDatabase database, FakeTimeProvider time, params IMessenger[] messengers)
    {
        await database.InitializeAsync(CancellationToken.None);
        return new ModerationNode(database, time, messengers);
    }

    /// <summary>As <see cref="StartAsync(BotDatabase, FakeTimeProvider, IMessenger[])"/>, with these moderation settings.</summary>
    public static async Task<ModerationNode> StartAsync(BotDatabase database, FakeTimeProvider time, ModerationOptions moderation, params IMessenger[] messengers)
    {
        await database.InitializeAsync(CancellationToken.None);
        return new ModerationNode(database, time, messengers, moderation);
    }

    /// <summary>As <see cref="StartAsync(TempSqlite, FakeTimeProvider, IMessenger[])"/>, with these moderation settings.</summary>
    public static async Task<ModerationNode> StartAsync(TempSqlite temp, FakeTimeProvider time, ModerationOptions moderation, params IMessenger[] messengers)
    {
        var database = temp.Open(time);
        await database.InitializeAsync(CancellationToken.None);
        return new ModerationNode(database, time, messengers, moderation);
    }

    /// <summary>Subscribes <paramref name="telegram"/> Telegram groups and <paramref name="discord"/> Discord channels.</summary>
    public async Task SubscribeAsync(int telegram, int discord)
    {
        for (var i = 0; i < telegram; i++)
        {
            await Subscriptions.UpsertAsync(new Subscription(new ChatAddress(TelegramPlatform.Id, "-100" + i, ChatKind.Group), SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);
        }

        for (var i = 0; i < discord; i++)
        {
            await Subscriptions.UpsertAsync(new Subscription(new ChatAddress(DiscordPlatform.Id, "9000" + i, ChatKind.Group), SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);
        }
    }

    /// <summary>
    /// <paramref name="user"/> (a moderator of the chat or not, from now on) runs a command in group -1007 (or their
    /// private chat) and sees the reply with its buttons issued, as a platform shows it.
    /// </summary>
    public async ValueTask<Reply> RunAsync(string command, string arguments, string user = "42", bool moderator = true, PlatformId? platform = null, ChatKind kind = ChatKind.Group, string locale = "en")
    {
        var (who, chat) = Caller(user, moderator, platform, kind);
        var reply = await Router.RouteAsync(new CommandRequest(command, arguments, who, chat, locale), CancellationToken.None);
        return await Router.IssueButtonsAsync(reply, who, chat, CancellationToken.None);
    }

    /// <summary>
    /// <paramref name="user"/> presses <paramref name="button"/> in group -1007 (or their private chat); with
    /// <paramref name="moderator"/> they are (not) a moderator of that chat from now on, else nothing changes.
    /// </summary>
    public ValueTask<Reply> PressAsync(ReplyChoice button, string user = "42", bool? moderator = null, PlatformId? platform = null, ChatKind kind = ChatKind.Group, string locale = "en") =>
        PressAsync(button.Token ?? throw new ArgumentException("The button has no token.", nameof(button)), user, moderator, platform, kind, locale);

    /// <summary>As <see cref="PressAsync(ReplyChoice, string, bool?, PlatformId?, ChatKind, string)"/>, with whatever token a client sends.</summary>
    public async ValueTask<Reply> PressAsync(string token, string user = "42", bool? moderator = null, PlatformId? platform = null, ChatKind kind = ChatKind.Group, string locale = "en", string? messageRef = null)
    {
        var (who, chat) = Caller(user, moderator, platform, kind);
        var reply = await Router.PressAsync(new ButtonPress(token, who, chat, locale) { MessageRef = messageRef }, CancellationToken.None);
        return await Router.IssueButtonsAsync(reply, who, chat, CancellationToken.None);
    }

    private (UserRef User, ChatAddress Chat) Caller(string user, bool? moderator, PlatformId? platform, ChatKind kind)
    {
        var chat = new ChatAddress(platform ?? TelegramPlatform.Id, kind == ChatKind.Group ? "-1007" : user, kind);
        if (moderator is { } set)
        {
            (chat.Platform == DiscordPlatform.Id ? Discord : Telegram).Set(chat, user, set);
        }

        return (new UserRef(user, "mod" + user), chat);
    }

    /// <summary>Fires (once, then removes) every recorded announcement trigger whose moment is at or before <paramref name="now"/>, as the Quartz job does; returns the rows queued.</summary>
    public async Task<int> FireDueAsync(DateTimeOffset now)
    {
        var queued = 0;
        foreach (var (id, at) in Scheduler.Triggers.Where(t => t.Value <= now).OrderBy(t => t.Value).ToList())
        {
            Scheduler.Triggers.TryRemove(id, out _);
            queued += await Announcements.ReleaseAsync(id, "scheduler", CancellationToken.None) ?? 0;
        }

        return queued;
    }

    public async ValueTask DisposeAsync()
    {
        Worker.Dispose();
        await Database.DisposeAsync();
    }
}
