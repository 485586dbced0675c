using Microsoft.Extensions.Options;

namespace Bot.Core.Moderation;

/// <summary>Reports every problem in <see cref="ModerationOptions"/> at once, naming the setting.</summary>
internal sealed class ModerationOptionsValidator : IValidateOptions<ModerationOptions>
{
    public ValidateOptionsResult Validate(string? name, ModerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? string.Empty, out _))
        {
            problems.Add($"Moderation:TimeZone must be an IANA time zone such as Europe/Amsterdam; got '{options.TimeZone}'.");
        }

        if (options.StatusActions is < 1 or > 50)
        {
            problems.Add($"Moderation:StatusActions must be between 1 and 50; got {options.StatusActions}.");
        }

        if (options.ProgressMinChannels < 1)
        {
            problems.Add($"Moderation:ProgressMinChannels must be at least 1; got {options.ProgressMinChannels}.");
        }

        if (options.ImageMaxBytes is < 1 or > ModerationOptions.MaxImageBytes)
        {
            problems.Add($"Moderation:ImageMaxBytes must be between 1 and {ModerationOptions.MaxImageBytes} (the platforms' photo limit); got {options.ImageMaxBytes}.");
        }

        if (options.ImageFetchTimeout < TimeSpan.FromSeconds(1) || options.ImageFetchTimeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"Moderation:ImageFetchTimeout must be between 00:00:01 and 00:05:00; got {options.ImageFetchTimeout}.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
