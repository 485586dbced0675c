namespace Bot.Core.Delivery;

/// <summary>Settings of the outbox delivery worker (section <c>Delivery</c>).</summary>
internal sealed class DeliveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Delivery";

    /// <summary>How often the worker looks for due rows when nobody pokes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first retry delay; it doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest retry delay.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts before a row is marked failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Rows claimed per round.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// A row another node claimed this long ago and never marked is taken as interrupted
    /// (PostgreSQL). With SQLite only one process exists, so rows found claimed at start are settled at once.
    /// </summary>
    public TimeSpan StaleClaim { get; set; } = TimeSpan.FromMinutes(5);
}
