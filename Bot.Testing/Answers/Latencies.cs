using System.Globalization;

namespace Bot.Testing.Answers;

/// <summary>The 50th, 95th and 99th percentiles (nearest rank) and the largest of a set of durations.</summary>
internal sealed record Latencies(TimeSpan P50, TimeSpan P95, TimeSpan P99, TimeSpan Max)
{
    public static Latencies Of(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return new Latencies(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        }

        TimeSpan At(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
        return new Latencies(At(0.50), At(0.95), At(0.99), sorted[^1]);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"p50 {P50.TotalMilliseconds:0.0} ms, p95 {P95.TotalMilliseconds:0.0} ms, p99 {P99.TotalMilliseconds:0.0} ms, max {Max.TotalMilliseconds:0.0} ms");
}
