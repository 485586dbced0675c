namespace Bot.Host.Operations;

/// <summary>Settings of the operator's endpoints and telemetry, section <c>Operations</c>.</summary>
internal sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>
    /// Where to serve <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> when no web host runs (polling,
    /// gateway, terminal chat), such as <c>http://127.0.0.1:9464</c>; several separated by <c>;</c>. Empty: no port is opened.
    /// </summary>
    public string Urls { get; set; } = string.Empty;

    /// <summary>An OTLP collector for metrics and traces, such as <c>http://127.0.0.1:4317</c>; none when empty.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>How long one health check may take before it counts as unhealthy.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The URLs of <see cref="Urls"/>, split.</summary>
    public IReadOnlyList<string> UrlList => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
