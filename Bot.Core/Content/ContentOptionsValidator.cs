using Microsoft.Extensions.Options;

namespace Bot.Core.Content;

/// <summary>Reports every problem with the <c>Content</c> settings at once.</summary>
internal sealed class ContentOptionsValidator : IValidateOptions<ContentOptions>
{
    public ValidateOptionsResult Validate(string? name, ContentOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            problems.Add("Content:Path must name the folder with the Markdown pages.");
        }

        if (options.SiteBaseUrl is null || !options.SiteBaseUrl.IsAbsoluteUri || (options.SiteBaseUrl.Scheme != Uri.UriSchemeHttps && options.SiteBaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("Content:SiteBaseUrl must be an absolute http(s) URL such as https://pauseai.info.");
        }

        foreach (var (key, value) in new[] { ("Content:DefaultLanguage", options.DefaultLanguage), ("Content:SiteLanguage", options.SiteLanguage) })
        {
            if (value is not ("nl" or "en"))
            {
                problems.Add($"{key} must be 'nl' or 'en', not '{value}'.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
