using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Bot.Core.Diagnostics;

/// <summary>
/// The bot's one <see cref="Meter"/> and <see cref="ActivitySource"/> (both named <see cref="Name"/>), and its
/// instruments (<c>bot.outbox.rows</c> is each host's own, from its <see cref="BotHealth"/>). Tags never carry a token, a chat id or message text: only platforms, command names and outcomes.
/// docs/operations.md says what each one means and which alert it supports.
/// </summary>
public static class BotTelemetry
{
    /// <summary>The name of the meter and the activity source.</summary>
    public const string Name = "PauseAI.Bot";

    private static readonly Meter BotMeter = new(Name);

    // Seconds, from a fast answer to a long wait for a rate limit (the SDK's default buckets are for milliseconds).
    private static readonly InstrumentAdvice<double> SecondsBuckets = new() { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] };

    /// <summary>Traces of a question, a reminder and an announcement, from the platform event to the send.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>Answers given, by <c>command</c>, <c>platform</c> and <c>result</c> (ok, error, refused, unknown).</summary>
    public static Counter<long> Answers { get; } = BotMeter.CreateCounter<long>("bot.answers", "{answer}", "Answers given to a command or a button press");

    /// <summary>The time to compose an answer, by <c>command</c> and <c>platform</c>.</summary>
    public static Histogram<double> AnswerDuration { get; } = BotMeter.CreateHistogram<double>("bot.answer.duration", "s", "Time to compose an answer", null, SecondsBuckets);

    /// <summary>Outbox sends, by <c>platform</c> and <c>result</c> (the delivery outcome).</summary>
    public static Counter<long> Sends { get; } = BotMeter.CreateCounter<long>("bot.sends", "{send}", "Outbox posts sent, by platform and result");

    /// <summary>"Too many requests" answers from a platform, by <c>platform</c>.</summary>
    public static Counter<long> RateLimited { get; } = BotMeter.CreateCounter<long>("bot.rate_limited", "{response}", "429 answers from a platform");

    /// <summary>Time a send waited for its platform's or chat's rate limit, by <c>platform</c>.</summary>
    public static Histogram<double> RateLimitWait { get; } = BotMeter.CreateHistogram<double>("bot.rate_limit.wait", "s", "Time a send waited for a rate limit", null, SecondsBuckets);

    /// <summary>Gateway connections started again after one ended or failed.</summary>
    public static Counter<long> GatewayReconnects { get; } = BotMeter.CreateCounter<long>("bot.gateway.reconnects", "{connection}", "Gateway reconnects");

    /// <summary>Gateway sessions resumed.</summary>
    public static Counter<long> GatewayResumes { get; } = BotMeter.CreateCounter<long>("bot.gateway.resumes", "{session}", "Gateway sessions resumed");

    /// <summary>The time to bring the reminder schedules in line with the events.</summary>
    public static Histogram<double> ReminderSyncDuration { get; } = BotMeter.CreateHistogram<double>("bot.reminders.sync.duration", "s", "Time to sync the reminder schedules", null, SecondsBuckets);

    /// <summary>Event feed fetches, by <c>result</c> (ok, failed).</summary>
    public static Counter<long> FeedPolls { get; } = BotMeter.CreateCounter<long>("bot.feed.polls", "{poll}", "Event feed fetches");

    /// <summary>Scheduler triggers that fired later than their misfire threshold.</summary>
    public static Counter<long> SchedulerMisfires { get; } = BotMeter.CreateCounter<long>("bot.scheduler.misfires", "{trigger}", "Scheduler triggers that misfired");

    /// <summary>Elapsed seconds since <paramref name="started"/> (a <see cref="TimeProvider"/> timestamp).</summary>
    public static double Seconds(TimeProvider time, long started)
    {
        ArgumentNullException.ThrowIfNull(time);
        return time.GetElapsedTime(started).TotalSeconds;
    }
}
