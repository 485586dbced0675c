using Bot.Core.Events;
using Microsoft.Extensions.Options;

namespace Bot.Core.Scheduling;

/// <summary>Checks <see cref="RemindersOptions"/> and <see cref="SchedulerOptions"/>, naming every bad setting.</summary>
internal sealed class SchedulingOptionsValidator : IValidateOptions<RemindersOptions>, IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, RemindersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        for (var i = 0; i < options.Offsets.Count; i++)
        {
            if (!ReminderOffset.TryParse(options.Offsets[i], out _))
            {
                problems.Add($"Reminders:Offsets:{i} must look like 7d, 1d, 1h or 30m (was '{options.Offsets[i]}').");
            }
        }

        if (options.DailyCountdownDays is < 0 or > 60)
        {
            problems.Add($"Reminders:DailyCountdownDays must be between 0 (off) and 60 (was {options.DailyCountdownDays}).");
        }

        if (!TimeOnly.TryParseExact(options.DailyCountdownTime, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            problems.Add($"Reminders:DailyCountdownTime must be a time of day HH:mm such as 09:00 (was '{options.DailyCountdownTime}').");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.InstanceName))
        {
            problems.Add("Scheduler:InstanceName must not be empty (use the same name on every node).");
        }

        if (string.IsNullOrWhiteSpace(options.InstanceId))
        {
            problems.Add("Scheduler:InstanceId must not be empty (AUTO, or a name unique per node).");
        }

        if (options.MisfireThreshold < TimeSpan.FromSeconds(1))
        {
            problems.Add($"Scheduler:MisfireThreshold must be at least 00:00:01 (was {options.MisfireThreshold}).");
        }

        if (options.ClusterCheckinInterval < TimeSpan.FromMilliseconds(500))
        {
            problems.Add($"Scheduler:ClusterCheckinInterval must be at least 00:00:00.5 (was {options.ClusterCheckinInterval}).");
        }

        if (options.ClusterCheckinMisfireThreshold < TimeSpan.FromMilliseconds(500))
        {
            problems.Add($"Scheduler:ClusterCheckinMisfireThreshold must be at least 00:00:00.5 (was {options.ClusterCheckinMisfireThreshold}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
