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
    /// PostgreSQL: a delivery worker that has not checked in for this long is dead, and the rows it was
    /// sending are settled by the others (it checks in every third of this). With SQLite only one process
    /// exists, so rows found claimed at start are settled at once.
    /// </summary>
    public TimeSpan WorkerTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sends in flight at once per platform (different chats go in parallel, one chat in order).</summary>
    public int MaxParallelSends { get; set; } = 16;

    /// <summary>
    /// How long after sending a request may at most take to reach the platform (when its answer comes
    /// later than that). A message counts in a limit's window until a window after the earlier of its
    /// answer and this: larger is safer against a slow network or busy machine, smaller is faster.
    /// </summary>
    public TimeSpan MaxArrivalDelay { get; set; } = TimeSpan.FromMilliseconds(100);
}
