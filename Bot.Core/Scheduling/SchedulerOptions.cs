namespace Bot.Core.Scheduling;

/// <summary>Settings of the Quartz scheduler (section <c>Scheduler</c>).</summary>
internal sealed class SchedulerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Scheduler";

    /// <summary>The scheduler name: the same on every node of a cluster.</summary>
    public string InstanceName { get; set; } = "BotScheduler";

    /// <summary>This node's id: unique per node; <c>AUTO</c> generates one.</summary>
    public string InstanceId { get; set; } = "AUTO";

    /// <summary>
    /// The id Quartz gets. Quartz takes "AUTO" literally when it is set through the builder, so two
    /// PostgreSQL nodes would share one id and never recover each other's jobs: a cluster node gets
    /// machine, process and a random part. A single SQLite process keeps one fixed id, because Quartz
    /// recovers at start only the interrupted jobs of its own id.
    /// </summary>
    public string EffectiveInstanceId(Storage.StorageProvider provider) =>
        !string.Equals(InstanceId, "AUTO", StringComparison.OrdinalIgnoreCase) ? InstanceId
        : provider == Storage.StorageProvider.Postgres ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"
        : "NON_CLUSTERED";

    /// <summary>Keep triggers in memory only (tests, trying things out): reminders missed while down are lost.</summary>
    public bool InMemory { get; set; }

    /// <summary>A trigger this late counts as missed (then the misfire rule applies).</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>PostgreSQL cluster: how often each node checks in.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>PostgreSQL cluster: how late a check-in may be before the node counts as dead and its triggers move.</summary>
    public TimeSpan ClusterCheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(5);
}
