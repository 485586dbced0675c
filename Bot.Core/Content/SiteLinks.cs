namespace Bot.Core.Content;

/// <summary>Makes the website's relative links (<c>/risks</c>, <c>/faq#no-localize</c>) absolute.</summary>
public static class SiteLinks
{
    private const string NoLocalize = "#no-localize";

    /// <summary>The absolute form of a link on the site; http(s) and mailto links stay as they are.</summary>
    public static string? Absolute(Uri siteBaseUrl, string? url)
    {
        ArgumentNullException.ThrowIfNull(siteBaseUrl);
        if (string.IsNullOrWhiteSpace(url))
        {
            return url;
        }

        url = url.Trim();
        if (url.EndsWith(NoLocalize, StringComparison.OrdinalIgnoreCase))
        {
            url = url[..^NoLocalize.Length];
        }

        // On Unix "/risks" parses as an absolute file: URI, so only http(s) counts as already absolute.
        if (url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"))
        {
            return url;
        }

        return Uri.TryCreate(siteBaseUrl, url, out var resolved) ? resolved.AbsoluteUri : url;
    }
}
