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

        if (options.AllEventsUrl is { } all && (!all.IsAbsoluteUri || (all.Scheme != Uri.UriSchemeHttp && all.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"Events:AllEventsUrl must be an http(s) URL such as https://lu.ma/PauseAI, or left out (was '{all}').");
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

        if (options.FeedTimeout < TimeSpan.FromSeconds(1) || options.FeedTimeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"Events:FeedTimeout must be between 00:00:01 and 00:05:00 (was {options.FeedTimeout}).");
        }

        if (options.FeedMaxBytes is < 1024 or > 100 * 1024 * 1024)
        {
            problems.Add($"Events:FeedMaxBytes must be between 1024 and 104857600 (was {options.FeedMaxBytes}).");
        }

        if (options.RepeatHorizon < TimeSpan.FromDays(1) || options.RepeatHorizon > TimeSpan.FromDays(3660))
        {
            problems.Add($"Events:RepeatHorizon must be between 1.00:00:00 and 3660.00:00:00 (was {options.RepeatHorizon}).");
        }

        if (options.RepeatMaxUpcoming is < 1 or > 500)
        {
            problems.Add($"Events:RepeatMaxUpcoming must be between 1 and 500 (was {options.RepeatMaxUpcoming}).");
        }

        if (options.OccurrencesListed is < 1 or > 50)
        {
            problems.Add($"Events:OccurrencesListed must be between 1 and 50 (was {options.OccurrencesListed}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
