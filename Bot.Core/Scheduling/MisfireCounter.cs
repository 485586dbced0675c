using Bot.Core.Diagnostics;
using Quartz;

namespace Bot.Core.Scheduling;

/// <summary>Counts the triggers the scheduler reports as misfired (<c>bot.scheduler.misfires</c>): a reminder fired late.</summary>
internal sealed class MisfireCounter : ITriggerListener
{
    public string Name => nameof(MisfireCounter);

    public ValueTask TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default)
    {
        BotTelemetry.SchedulerMisfires.Add(1);
        return ValueTask.CompletedTask;
    }

    public ValueTask TriggerFired(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<bool> VetoJobExecution(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    public ValueTask TriggerComplete(ITrigger trigger, IJobExecutionContext context, SchedulerInstruction triggerInstructionCode, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
