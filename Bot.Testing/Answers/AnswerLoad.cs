using System.Globalization;
using Bot.Core;
using Bot.Core.Delivery;
using Bot.Core.Storage;
using Bot.Telegram;
using Bot.Testing.BotApi;
using Bot.Testing.Broadcast;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Testing.Answers;

/// <summary>
/// The answer path under load: the real bot (<c>AddBotCore().AddTelegram()</c>, polling, SQLite in a temporary
/// folder, the repository's content) in a real host, talking to a <see cref="LimitedPlatformFake"/> that hands
/// out questions with <c>getUpdates</c> and enforces Telegram's limits on the answers. Each batch of questions
/// comes from new private chats, one question each, all queued at once, and starts when the limits' windows are
/// empty.
/// </summary>
/// <remarks>
/// Per answer: <b>total</b> is from the moment <c>getUpdates</c> handed the question out until the answer's
/// <c>sendMessage</c> reached the fake (stamped on arrival, so the fake's latency is not in it, except through
/// the rate limit: the bot counts a message in the window until a second after its answer). <b>Bot time</b>
/// leaves out the waits the send limit imposes: it starts at the later of the hand-out and the moment the
/// bot's window (<see cref="FakePlatformLimits.TelegramPerSecond"/> a second) had room for this message, that
/// is a second after the message that many sends earlier was answered (or <c>Delivery:MaxArrivalDelay</c>
/// after it arrived, if that is earlier, as the bot's limiter counts it). Under the limit the two are the same.
/// </remarks>
internal sealed class AnswerLoad : IAsyncDisposable
{
    /// <summary>A token the options validator accepts; the fake takes any.</summary>
    private const string Token = "123456:load-test-token-0123456789";

    /// <summary>What the members ask, in turn; each is answered with one message.</summary>
    private static readonly IReadOnlyList<string> Questions = ["/summit seoul", "/zoek verdrag"];

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>How long after the last expected answer a second one to the same chat would show.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    private readonly LimitedPlatformFake _fake;
    private readonly IHost _host;
    private readonly DirectoryInfo _root;
    private readonly TimeSpan _maxArrivalDelay;
    private long _nextChat = 1_000_000;
    private int _nextMessage;

    private AnswerLoad(LimitedPlatformFake fake, IHost host, DirectoryInfo root, TimeSpan maxArrivalDelay)
    {
        _fake = fake;
        _host = host;
        _root = root;
        _maxArrivalDelay = maxArrivalDelay;
    }

    /// <summary>Starts the bot against <paramref name="fake"/>, told the fake's limits as an operator sets the platform's.</summary>
    public static async Task<AnswerLoad> StartAsync(LimitedPlatformFake fake, string contentFolder, TimeSpan maxArrivalDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fake);
        var root = Directory.CreateTempSubdirectory("bot-answers-");
        await File.WriteAllTextAsync(Path.Combine(root.FullName, "events.yaml"), "events: []\n", cancellationToken);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root.FullName, EnvironmentName = "LoadTest", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Content:Path"] = contentFolder,
            ["Events:File"] = "events.yaml",
            ["Events:Watch"] = "false",
            ["Scheduler:InMemory"] = "true",
            ["Delivery:MaxArrivalDelay"] = maxArrivalDelay.ToString("c", CultureInfo.InvariantCulture),
            ["Telegram:Token"] = Token,
            ["Telegram:ApiBaseUrl"] = fake.BaseUrl.AbsoluteUri,
            ["Telegram:PerSecond"] = fake.Limits.TelegramPerSecond.ToString(CultureInfo.InvariantCulture),
            ["Telegram:GroupPerMinute"] = fake.Limits.TelegramGroupPerMinute.ToString(CultureInfo.InvariantCulture),
        });
        builder.Logging.ClearProviders();
        builder.AddBotCore().AddTelegram();
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            root.Delete(recursive: true);
            throw;
        }

        return new AnswerLoad(fake, host, root, maxArrivalDelay);
    }

    /// <summary>Key of private chat <paramref name="chat"/> at the fake.</summary>
    private static string Key(long chat) => chat.ToString(CultureInfo.InvariantCulture);

    /// <summary><paramref name="members"/> members ask at once, each in their own private chat (one <c>getUpdates</c> hands out up to 100).</summary>
    public Task<AnswerRun> AskAsync(int members, CancellationToken cancellationToken) => AskAsync(NewChats(members), cancellationToken);

    /// <summary>
    /// <paramref name="others"/> + 1 members ask at once, twice: the second time the first member's answer is refused
    /// with <c>429 retry_after</c> <paramref name="retryAfterSeconds"/> (then sent again by the bot after the wait).
    /// </summary>
    public async Task<RateLimitedChatRun> AskBesideRateLimitedChatAsync(int others, int retryAfterSeconds, CancellationToken cancellationToken)
    {
        var baselineChats = NewChats(others + 1);
        var baseline = await AskAsync(baselineChats, cancellationToken);
        var chats = NewChats(others + 1);
        _fake.ForcedRetryAfter[Key(chats[0])] = retryAfterSeconds;
        var limited = await AskAsync(chats, cancellationToken);
        return new RateLimitedChatRun(baseline, limited, baselineChats[0], chats[0]);
    }

    /// <summary>
    /// Queues a broadcast to <paramref name="broadcastChats"/> Telegram groups through the host's own outbox and
    /// delivery worker (sharing its rate limiter with the answers); once a fifth of it is delivered,
    /// <paramref name="members"/> members ask at once. Returns when the broadcast is done and every member answered.
    /// </summary>
    public async Task<BroadcastAnswerRun> AskDuringBroadcastAsync(int broadcastChats, int members, CancellationToken cancellationToken)
    {
        await QuietAsync(cancellationToken);
        var services = _host.Services;
        var outbox = services.GetRequiredService<OutboxStore>();
        var groups = Enumerable.Range(0, broadcastChats).Select(BroadcastLoad.TelegramChat).ToHashSet(StringComparer.Ordinal);
        int Delivered() => _fake.TelegramDelivered.Keys.Count(groups.Contains);
        var started429 = _fake.Telegram429;
        var started = TimeProvider.System.GetTimestamp();
        await BroadcastLoad.QueueAsync(outbox, services.GetRequiredService<SubscriptionStore>(), broadcastChats, 0, TimeProvider.System, cancellationToken);
        services.GetRequiredService<DeliverySignal>().Poke();
        var overall = Patience(broadcastChats + members);
        await WaitUntilAsync(() => Task.FromResult(Delivered() >= broadcastChats / 5), overall, "a fifth of the broadcast", cancellationToken);

        var chats = NewChats(members);
        var updates = Push(chats);
        await WaitUntilAsync(() => Task.FromResult(Answered(chats) == chats.Count), overall, $"answers to {chats.Count} questions during the broadcast", cancellationToken);
        await WaitUntilAsync(async () => (await outbox.ProgressAsync(BroadcastLoad.KeyPrefix, cancellationToken)).IsDone, overall, "the end of the broadcast", cancellationToken);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        await Task.Delay(Settle, TimeProvider.System, cancellationToken);

        var answers = Measure(chats, updates, _fake.Telegram429 - started429);
        var broadcast = _fake.TelegramSends.Where(s => s.Delivered && groups.Contains(s.Chat)).Select(s => s.Arrived).ToList();
        return new BroadcastAnswerRun(answers, broadcastChats, broadcast.Count, LimitedPlatformFake.SteadyRate(broadcast, _fake.Limits.TelegramPerSecond), elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
            SqliteConnection.ClearAllPools();
            _root.Delete(recursive: true);
        }
    }

    /// <summary>How long a batch of <paramref name="messages"/> may take at the limit, generously.</summary>
    private TimeSpan Patience(int messages) => TimeSpan.FromSeconds(30 + (3.0 * messages / _fake.Limits.TelegramPerSecond));

    private async Task<AnswerRun> AskAsync(IReadOnlyList<long> chats, CancellationToken cancellationToken)
    {
        await QuietAsync(cancellationToken);
        var started429 = _fake.Telegram429;
        var updates = Push(chats);
        await WaitUntilAsync(() => Task.FromResult(Answered(chats) == chats.Count), Patience(chats.Count), $"answers to {chats.Count} questions", cancellationToken);
        await Task.Delay(Settle, TimeProvider.System, cancellationToken);
        return Measure(chats, updates, _fake.Telegram429 - started429);
    }

    private IReadOnlyList<long> NewChats(int count)
    {
        var first = _nextChat;
        _nextChat += count;
        return [.. Enumerable.Range(0, count).Select(i => first + i)];
    }

    /// <summary>Queues one question per chat, all in one go; returns their update ids.</summary>
    private IReadOnlyList<long> Push(IReadOnlyList<long> chats) =>
        _fake.Updates.Push(chats.Select((chat, i) => TelegramUpdates.Message(Questions[i % Questions.Count], chat, chat, i % 2 == 0 ? "nl" : "en", ++_nextMessage)));

    private int Answered(IReadOnlyList<long> chats) => chats.Count(c => _fake.TelegramDelivered.ContainsKey(Key(c)));

    /// <summary>Waits until nothing was sent for a window (and the longest arrival delay): the limits start empty.</summary>
    private async Task QuietAsync(CancellationToken cancellationToken)
    {
        var sends = _fake.TelegramSends;
        if (sends.Count == 0)
        {
            return;
        }

        var quiet = Window + _maxArrivalDelay + TimeSpan.FromMilliseconds(100) - TimeProvider.System.GetElapsedTime(sends.Max(s => s.Answered));
        if (quiet > TimeSpan.Zero)
        {
            await Task.Delay(quiet, TimeProvider.System, cancellationToken);
        }
    }

    private AnswerRun Measure(IReadOnlyList<long> chats, IReadOnlyList<long> updates, int telegram429)
    {
        // Every send counts in the window, whichever chat it went to and whatever the answer was.
        var sends = _fake.TelegramSends.OrderBy(s => s.Arrived).ToList();
        var limit = _fake.Limits.TelegramPerSecond;
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var delivered = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < sends.Count; i++)
        {
            if (sends[i].Delivered)
            {
                first.TryAdd(sends[i].Chat, i);
                delivered[sends[i].Chat] = delivered.GetValueOrDefault(sends[i].Chat) + 1;
            }
        }

        var answers = new List<AnswerTiming>();
        for (var q = 0; q < chats.Count; q++)
        {
            if (!first.TryGetValue(Key(chats[q]), out var i) || _fake.Updates.HandedOutAt(updates[q]) is not { } handedOut)
            {
                continue;
            }

            var send = sends[i];
            var room = i >= limit ? RoomAfter(sends[i - limit]) : long.MinValue;
            var botTime = TimeProvider.System.GetElapsedTime(Math.Max(handedOut, room), send.Arrived);
            answers.Add(new AnswerTiming(chats[q], TimeProvider.System.GetElapsedTime(handedOut, send.Arrived), botTime > TimeSpan.Zero ? botTime : TimeSpan.Zero));
        }

        var arrivals = answers.Select(a => sends[first[Key(a.Chat)]].Arrived).ToList();
        return new AnswerRun(answers, chats.Count, chats.Count(c => delivered.GetValueOrDefault(Key(c)) > 1), telegram429, LimitedPlatformFake.SteadyRate(arrivals, limit));
    }

    /// <summary>When the bot's window lets one more message go after <paramref name="earlier"/>: a window after it was answered, or after it arrived plus the longest arrival delay if that is earlier.</summary>
    private long RoomAfter(TelegramSend earlier)
    {
        var frequency = TimeProvider.System.TimestampFrequency;
        var counted = Math.Min(earlier.Answered, earlier.Arrived + (long)(_maxArrivalDelay.TotalSeconds * frequency));
        return counted + (long)(Window.TotalSeconds * frequency);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!await done())
        {
            if (TimeProvider.System.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(PollEvery, TimeProvider.System, cancellationToken);
        }
    }
}
