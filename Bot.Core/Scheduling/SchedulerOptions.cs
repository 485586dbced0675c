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

    /// <summary>Keep triggers in memory only (tests, trying things out): reminders missed while down are lost.</summary>
    public bool InMemory { get; set; }

    /// <summary>A trigger this late counts as missed (then the misfire rule applies).</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>PostgreSQL cluster: how often each node checks in.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>PostgreSQL cluster: how late a check-in may be before the node counts as dead and its triggers move.</summary>
    public TimeSpan ClusterCheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(5);
}
