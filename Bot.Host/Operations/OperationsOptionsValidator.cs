using Microsoft.Extensions.Options;

namespace Bot.Host.Operations;

/// <summary>Names a malformed <c>Operations</c> setting in one line.</summary>
internal sealed class OperationsOptionsValidator : IValidateOptions<OperationsOptions>
{
    public ValidateOptionsResult Validate(string? name, OperationsOptions options)
    {
        var problems = new List<string>();
        foreach (var url in options.UrlList)
        {
            // Kestrel's own forms: http://host:port, with * or + for every address.
            var parsed = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
            {
                problems.Add($"Operations:Urls: '{url}' is not a URL to listen on; expected http://host:port such as http://127.0.0.1:9464 (several separated by ';').");
            }
        }

        if (options.OtlpEndpoint is { } otlp && (!otlp.IsAbsoluteUri || otlp.Scheme is not ("http" or "https")))
        {
            problems.Add($"Operations:OtlpEndpoint: '{otlp}' is not an http(s) URL; expected the collector's address such as http://127.0.0.1:4317.");
        }

        if (options.CheckTimeout <= TimeSpan.Zero || options.CheckTimeout > TimeSpan.FromMinutes(1))
        {
            problems.Add($"Operations:CheckTimeout: {options.CheckTimeout} is out of range; expected a duration between 00:00:00.1 and 00:01:00, such as 00:00:03.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
