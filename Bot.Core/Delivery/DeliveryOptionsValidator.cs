using Microsoft.Extensions.Options;

namespace Bot.Core.Delivery;

/// <summary>Checks <see cref="DeliveryOptions"/> and names every bad setting.</summary>
internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > TimeSpan.FromMinutes(10))
        {
            problems.Add($"Delivery:PollInterval must be between 00:00:00.001 and 00:10:00 (was {options.PollInterval}).");
        }

        if (options.InitialBackoff <= TimeSpan.Zero)
        {
            problems.Add($"Delivery:InitialBackoff must be positive (was {options.InitialBackoff}).");
        }

        if (options.MaxBackoff < options.InitialBackoff)
        {
            problems.Add($"Delivery:MaxBackoff must be at least Delivery:InitialBackoff (was {options.MaxBackoff}).");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            problems.Add($"Delivery:MaxAttempts must be between 1 and 100 (was {options.MaxAttempts}).");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            problems.Add($"Delivery:BatchSize must be between 1 and 1000 (was {options.BatchSize}).");
        }

        if (options.WorkerTimeout < TimeSpan.FromSeconds(3))
        {
            problems.Add($"Delivery:WorkerTimeout must be at least 00:00:03 (was {options.WorkerTimeout}).");
        }

        if (options.MaxParallelSends is < 1 or > 256)
        {
            problems.Add($"Delivery:MaxParallelSends must be between 1 and 256 (was {options.MaxParallelSends}).");
        }

        if (options.MaxArrivalDelay < TimeSpan.Zero || options.MaxArrivalDelay > TimeSpan.FromSeconds(10))
        {
            problems.Add($"Delivery:MaxArrivalDelay must be between 00:00:00 and 00:00:10 (was {options.MaxArrivalDelay}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
