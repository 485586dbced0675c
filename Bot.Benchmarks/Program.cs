using System.Globalization;
using Bot.Core.Delivery;
using Bot.Testing.Broadcast;

namespace Bot.Benchmarks;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] is "--broadcast" or "--answers")
        {
            // dotnet run -c Release --project Bot.Benchmarks -- --broadcast [telegramChats] [discordChannels] [maxArrivalDelayMs] [--latency ms]
            // dotnet run -c Release --project Bot.Benchmarks -- --answers [members] [chats] [--latency ms]
            var (numbers, latency) = LoadArguments(args[1..]);
            var limits = latency is { } ms ? new FakePlatformLimits { Latency = TimeSpan.FromMilliseconds(ms) } : new FakePlatformLimits();
            int Number(int index, int otherwise) => numbers.Count > index ? numbers[index] : otherwise;
            return args[0] == "--answers"
                ? await AnswerLoadTest.RunAsync(limits, Number(0, 100), Number(1, 1000))
                : await RunBroadcastAsync(limits, Number(0, 1000), Number(1, 1000), numbers.Count > 2 ? TimeSpan.FromMilliseconds(numbers[2]) : null);
        }

        if (args.Length > 0 && args[0] == "--rss")
        {
            // dotnet build -c Release Bot.Host && dotnet run -c Release --project Bot.Benchmarks -- --rss [idleSeconds] [--runs 3] [--published | --published-only] [NAME=value …]
            return await IdleFootprint.RunAsync(FootprintSettings.Parse(args[1..]));
        }

        var summaries = BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();
        // BenchmarkDotNet reports a benchmark that did not build or run, and a filter that matched
        // nothing, only in its log; the exit code is what CI sees.
        var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success))
            || (summaries.Sum(s => s.Reports.Length) == 0 && args.Contains("--filter"));
        if (failed)
        {
            await Console.Error.WriteLineAsync("Benchmarks failed: a benchmark did not build or run, or the filter matched none.");
        }

        return failed ? 1 : 0;
    }

    /// <summary>The numbers given in order, and the value of <c>--latency</c>.</summary>
    private static (List<int> Numbers, int? Latency) LoadArguments(string[] args)
    {
        var numbers = new List<int>();
        int? latency = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--latency" && i + 1 < args.Length)
            {
                latency = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else
            {
                numbers.Add(int.Parse(args[i], CultureInfo.InvariantCulture));
            }
        }

        return (numbers, latency);
    }

    private static async Task<int> RunBroadcastAsync(FakePlatformLimits limits, int telegram, int discord, TimeSpan? margin)
    {
        var options = new DeliveryOptions();
        options.MaxArrivalDelay = margin ?? options.MaxArrivalDelay;
        int cold429;
        await using (var warmUp = await LimitedPlatformFake.StartAsync(limits))
        {
            // A cold broadcast (JIT, new connections) must keep the limits too; then the steady state is measured.
            var first = await BroadcastLoad.RunAsync(warmUp, 40, 60, options, CancellationToken.None);
            cold429 = first.Telegram429 + first.Discord429;
            Console.WriteLine($"Cold broadcast (40 + 60): {cold429} × 429 (Telegram {first.Telegram429}, Discord {first.Discord429}) in {first.Elapsed.TotalSeconds:0.00} s");
        }

        await using var fake = await LimitedPlatformFake.StartAsync(limits);
        Console.WriteLine($"Max arrival delay {options.MaxArrivalDelay.TotalMilliseconds} ms, {options.MaxParallelSends} parallel sends per platform.");
        Console.WriteLine($"Broadcast to {telegram} Telegram chats and {discord} Discord channels; fakes enforce Telegram {limits.TelegramPerSecond}/s (1/s per chat), Discord {limits.DiscordPerSecond}/s; latency {limits.Latency.TotalMilliseconds} ms; no jitter allowance.");
        var result = await BroadcastLoad.RunAsync(fake, telegram, discord, options, CancellationToken.None);
        var telegramOnce = result.TelegramDelivered.Count(c => c.Value == 1);
        var discordOnce = result.DiscordDelivered.Count(c => c.Value == 1);
        var duplicates = result.TelegramDelivered.Count(c => c.Value > 1) + result.DiscordDelivered.Count(c => c.Value > 1);
        Console.WriteLine(FormattableString.Invariant($"Elapsed {result.Elapsed.TotalSeconds:0.00} s; outbox: {result.Progress}"));
        Console.WriteLine(FormattableString.Invariant($"Telegram: {telegramOnce}/{telegram} chats reached once, {result.TelegramRate:0.00} msg/s steady ({result.TelegramRate / limits.TelegramPerSecond:P1} of {limits.TelegramPerSecond}/s), {result.Telegram429} × 429"));
        Console.WriteLine(FormattableString.Invariant($"Discord:  {discordOnce}/{discord} channels reached once, {result.DiscordRate:0.00} msg/s steady ({result.DiscordRate / limits.DiscordPerSecond:P1} of {limits.DiscordPerSecond}/s), {result.Discord429} × 429"));
        Console.WriteLine($"Duplicates: {duplicates}");
        var ok = cold429 == 0 && telegramOnce == telegram && discordOnce == discord && duplicates == 0 && result.Telegram429 + result.Discord429 == 0
            && result.TelegramRate >= 0.9 * limits.TelegramPerSecond && result.DiscordRate >= 0.9 * limits.DiscordPerSecond;
        Console.WriteLine(ok ? "PASS" : "FAIL");
        return ok ? 0 : 1;
    }
}
