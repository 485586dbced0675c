namespace Bot.Testing.Broadcast;

/// <summary>The limits the loopback fakes enforce (the platforms' published ones by default).</summary>
internal sealed record FakePlatformLimits
{
    /// <summary>Telegram: messages a second, all chats together.</summary>
    public int TelegramPerSecond { get; init; } = 30;

    /// <summary>Telegram: messages a second to one chat.</summary>
    public int TelegramPerChatPerSecond { get; init; } = 1;

    /// <summary>Telegram: messages a minute to one group chat.</summary>
    public int TelegramGroupPerMinute { get; init; } = 20;

    /// <summary>Discord: requests a second, global.</summary>
    public int DiscordPerSecond { get; init; } = 50;

    /// <summary>Discord: messages per channel bucket (5 per 5 seconds).</summary>
    public int DiscordChannelBucket { get; init; } = 5;

    /// <summary>
    /// Network jitter forgiven: the fakes count requests in windows this much shorter than the limit's
    /// own (a request that waited in a busy test machine's queue arrives closer to the next one than it
    /// was sent). Zero for the full load test.
    /// </summary>
    public TimeSpan JitterAllowance { get; init; } = TimeSpan.Zero;

    /// <summary>How long the fake takes to answer each send.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(50);
}
