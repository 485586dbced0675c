using Microsoft.Extensions.Options;

namespace Bot.Core.Hosting;

/// <summary>Checks <see cref="WebOptions"/>, naming every bad setting.</summary>
internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        foreach (var url in options.ListenUrls())
        {
            // Kestrel also takes * and + as "every address".
            var host = url.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);
            if (!Uri.TryCreate(host, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.AbsolutePath != "/")
            {
                problems.Add($"Web:Urls must be http(s) addresses to listen on, separated by ';', such as http://0.0.0.0:8080 (was '{url}').");
            }
        }

        if (options.PublicUrl is { } publicUrl && (!publicUrl.IsAbsoluteUri || (publicUrl.Scheme != Uri.UriSchemeHttp && publicUrl.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"Web:PublicUrl must be the http(s) address the bot is reached at, such as https://bot.example.org (was '{publicUrl}').");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
