namespace Bot.Core.Scheduling;

/// <summary>What one sync of the catalog into Quartz changed.</summary>
internal sealed record ScheduleSyncResult(int Added, int Moved, int Removed, int Kept);
