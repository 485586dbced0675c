using System.Globalization;
using Bot.Core.Delivery;
using Bot.Testing;
using Bot.Testing.Answers;
using Bot.Testing.Broadcast;

namespace Bot.Benchmarks;

/// <summary>
/// <c>--answers</c>: the answer path under load, through the real Telegram adapter in a real host against a
/// fake that enforces Telegram's limits (see <see cref="AnswerLoad"/>). Prints one line per figure and
/// PASS/FAIL per goal of issue 12; fails (exit code 1) when a goal is missed.
/// </summary>
internal static class AnswerLoadTest
{
    private static readonly TimeSpan BotTimeGoal = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan OtherChatsGoal = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan DuringBroadcastGoal = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(FakePlatformLimits limits, int members, int chats)
    {
        var goals = new List<bool>();
        void Goal(bool ok, string goal)
        {
            goals.Add(ok);
            Console.WriteLine($"   {(ok ? "PASS" : "FAIL")}  {goal}");
        }

        var delivery = new DeliveryOptions();
        var perSecond = limits.TelegramPerSecond;
        Console.WriteLine(FormattableString.Invariant($"Answer load: the Telegram adapter (polling) against a fake enforcing {perSecond}/s overall and {limits.TelegramPerChatPerSecond}/s per chat; latency {limits.Latency.TotalMilliseconds} ms; Delivery:MaxArrivalDelay {delivery.MaxArrivalDelay.TotalMilliseconds} ms."));
        Console.WriteLine("Total: from getUpdates handing the question out to the answer's sendMessage reaching the platform. Bot time: the same from the later of that and the moment the send limit had room for the answer (rate-limit waits left out).");
        await using var fake = await LimitedPlatformFake.StartAsync(limits);
        await using var load = await AnswerLoad.StartAsync(fake, RepositoryPaths.Content, delivery.MaxArrivalDelay, CancellationToken.None);

        var cold = await load.AskAsync(perSecond, CancellationToken.None);
        Console.WriteLine($"Cold (a fresh bot: JIT, first connections): {Once(cold)}, {cold.Telegram429} × 429; total {cold.Total}");
        Goal(cold.AllAnsweredOnce && cold.Telegram429 == 0, "cold: all answered once, zero 429s");

        var burst = await load.AskAsync(members, CancellationToken.None);
        Console.WriteLine($"a. {members} members ask at once: {Once(burst)}, {burst.Telegram429} × 429");
        Console.WriteLine($"   total (waits for the {perSecond}/s limit included): {burst.Total}");
        Console.WriteLine($"   bot time (rate-limit waits left out):    {burst.BotTime}");
        Goal(burst.AllAnsweredOnce && burst.Telegram429 == 0, "all answered once, zero 429s");
        Goal(burst.BotTime.P99 < BotTimeGoal, $"bot time p99 < {BotTimeGoal.TotalMilliseconds} ms");

        var many = await load.AskAsync(chats, CancellationToken.None);
        Console.WriteLine(FormattableString.Invariant($"b. {chats} questions from {chats} chats: {Once(many)}, {many.Telegram429} × 429, {many.Rate:0.00} answers/s steady ({many.Rate / perSecond:P1} of {perSecond}/s)"));
        Console.WriteLine($"   total:    {many.Total}");
        Console.WriteLine($"   bot time: {many.BotTime}");
        Goal(many.AllAnsweredOnce && many.Telegram429 == 0, "all answered once, zero 429s");
        Goal(many.Rate >= 0.9 * perSecond, $"rate ≥ 90% of {perSecond}/s");

        var limited = await load.AskBesideRateLimitedChatAsync(members, 5, CancellationToken.None);
        Console.WriteLine($"c. one chat's first answer refused (429, retry_after 5) while {members} others ask: {Once(limited.Limited)}, {limited.Baseline.Telegram429 + limited.Limited.Telegram429} × 429 besides it");
        Console.WriteLine($"   refused chat answered after {limited.RefusedAnswer?.Total.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture) ?? "never"}");
        Console.WriteLine($"   others' total without the 429:    {Latencies.Of(limited.OthersWithout.Select(a => a.Total))}");
        Console.WriteLine($"   others' total with the 429:       {Latencies.Of(limited.OthersWith.Select(a => a.Total))}");
        Console.WriteLine($"   k-th fastest, with − without:     {Latencies.Of(limited.ExtraDelays)}");
        Console.WriteLine($"   others' bot time without the 429: {Latencies.Of(limited.OthersWithout.Select(a => a.BotTime))}");
        Console.WriteLine($"   others' bot time with the 429:    {Latencies.Of(limited.OthersWith.Select(a => a.BotTime))}");
        Goal(limited.Baseline.AllAnsweredOnce && limited.Limited.AllAnsweredOnce && limited.Baseline.Telegram429 + limited.Limited.Telegram429 == 0, "all answered once, zero 429s besides the forced one");
        Goal(limited.OthersMaxBotTime <= OtherChatsGoal, $"no other chat waited > {OtherChatsGoal.TotalMilliseconds} ms beyond the limit (bot time max)");

        var during = await load.AskDuringBroadcastAsync(300, 20, CancellationToken.None);
        var answers = during.Answers;
        Console.WriteLine(FormattableString.Invariant($"d. 20 questions during a {during.BroadcastChats}-chat broadcast: {Once(answers)}; broadcast {during.BroadcastDelivered}/{during.BroadcastChats} in {during.BroadcastElapsed.TotalSeconds:0.00} s, {during.BroadcastRate:0.00} msg/s steady; {answers.Telegram429} × 429"));
        Console.WriteLine($"   answers' total:    {answers.Total}");
        Console.WriteLine($"   answers' bot time: {answers.BotTime}");
        Goal(answers.AllAnsweredOnce && during.BroadcastDelivered == during.BroadcastChats && answers.Telegram429 == 0, "all answered once, broadcast delivered, zero 429s");
        Goal(answers.Total.P99 < DuringBroadcastGoal, $"answers first: total p99 < {DuringBroadcastGoal.TotalSeconds} s");

        var ok = goals.TrueForAll(g => g);
        Console.WriteLine(ok ? "PASS" : "FAIL");
        return ok ? 0 : 1;
    }

    private static string Once(AnswerRun run) =>
        $"{run.Answers.Count - run.AnsweredMoreThanOnce}/{run.Questions} answered once" + (run.AnsweredMoreThanOnce > 0 ? $" ({run.AnsweredMoreThanOnce} more than once)" : string.Empty);
}
