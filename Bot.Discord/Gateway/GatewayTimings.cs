namespace Bot.Discord.Gateway;

/// <summary>Randomness and waits of the gateway client, replaceable in tests.</summary>
internal sealed record GatewayTimings
{
    /// <summary>A random number in [0, 1): first-heartbeat jitter, back-off jitter, re-identify wait.</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    /// <summary>The first reconnect delay after a failed connection; it doubles per failure.</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest reconnect delay.</summary>
    public TimeSpan BackoffCap { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After an invalid session, wait between this and <see cref="ReidentifyMax"/> before identifying again.</summary>
    public TimeSpan ReidentifyMin { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReidentifyMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Sends allowed per minute: Discord allows 120 and disconnects beyond; keep a margin.</summary>
    public int SendsPerMinute { get; init; } = 115;

    /// <summary>The reconnect delay after <paramref name="failures"/> failed attempts in a row: 0 for the first, then doubling with jitter, capped.</summary>
    public TimeSpan Backoff(int failures)
    {
        if (failures <= 0)
        {
            return TimeSpan.Zero;
        }

        var raw = BackoffBase.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        var capped = Math.Min(raw, BackoffCap.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (0.5 * Jitter())));
    }

    public TimeSpan ReidentifyDelay() => ReidentifyMin + ((ReidentifyMax - ReidentifyMin) * Jitter());
}
