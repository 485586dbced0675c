using System.Globalization;
using Bot.Core.Delivery;
using Bot.Testing.Broadcast;

namespace Bot.Benchmarks;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--broadcast")
        {
            // dotnet run -c Release --project Bot.Benchmarks -- --broadcast [telegramChats] [discordChannels]
            var telegram = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
            var discord = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
            var margin = args.Length > 3 ? TimeSpan.FromMilliseconds(int.Parse(args[3], CultureInfo.InvariantCulture)) : (TimeSpan?)null;
            return await RunBroadcastAsync(telegram, discord, margin);
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

    private static async Task<int> RunBroadcastAsync(int telegram, int discord, TimeSpan? margin)
    {
        var limits = new FakePlatformLimits();
        var options = new DeliveryOptions();
        options.MaxArrivalDelay = margin ?? options.MaxArrivalDelay;
        int cold429;
        await using (var warmUp = await LimitedPlatformFake.StartAsync(limits))
        {
            // A cold broadcast (JIT, new connections) must keep the limits too; then the steady state is measured.
            var first = await BroadcastLoad.RunAsync(warmUp, 40, 60, options, CancellationToken.None);
            cold429 = first.Telegram429 + first.Discord429;
            Console.WriteLine($"Cold broadcast (40 + 60): {cold429} × 429 in {first.Elapsed.TotalSeconds:0.00} s");
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
