using Microsoft.Extensions.Options;

namespace Bot.Core.Events;

/// <summary>Checks <see cref="EventsOptions"/> and names every bad setting.</summary>
internal sealed class EventsOptionsValidator : IValidateOptions<EventsOptions>
{
    public ValidateOptionsResult Validate(string? name, EventsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.File is { } file && (file.Trim().Length == 0 || file.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            problems.Add($"Events:File must be a file path such as content/events.yaml, or left out (was '{file}').");
        }

        if (options.PastEventsShown is < 0 or > 50)
        {
            problems.Add($"Events:PastEventsShown must be between 0 and 50 (was {options.PastEventsShown}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
