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

        for (var i = 0; i < options.Feeds.Count; i++)
        {
            var url = options.Feeds[i].Url;
            if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"Events:Feeds:{i}:Url must be an http(s) URL of an iCalendar feed (was '{url}').");
            }
        }

        if (options.FeedPollInterval < TimeSpan.FromMinutes(1) && options.Feeds.Count > 0)
        {
            problems.Add($"Events:FeedPollInterval must be at least 00:01:00 (was {options.FeedPollInterval}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
