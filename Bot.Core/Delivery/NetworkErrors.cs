namespace Bot.Core.Delivery;

/// <summary>
/// The failures below a platform's answer, alike on every platform: a connection that could not be
/// made (refused, name not resolved, TLS) never carried the request, so it is
/// <see cref="DeliveryOutcome.Retry"/>; a request that went and got no answer (a timeout, a connection
/// broken mid-request) may have arrived, so it is <see cref="DeliveryOutcome.Uncertain"/>. Each
/// platform's classifier reads the platform's answers and leaves the rest to this.
/// </summary>
internal static class NetworkErrors
{
    /// <summary>
    /// How <paramref name="exception"/> (or an exception inside it) fits the error model; null when it
    /// holds no network failure. A cancellation the caller asked for is the caller's to tell apart.
    /// </summary>
    public static DeliveryResult? Classify(Exception exception, string platform)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException { StatusCode: not null }:
                    // An answer came; what it means is the platform's to say.
                    return null;
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } unreachable:
                    return new DeliveryResult(DeliveryOutcome.Retry, $"{platform} unreachable ({unreachable.HttpRequestError})");
                case HttpRequestException broken:
                    return new DeliveryResult(DeliveryOutcome.Uncertain, $"no answer from {platform} (connection broken: {broken.HttpRequestError})");
                case TaskCanceledException or TimeoutException:
                    return new DeliveryResult(DeliveryOutcome.Uncertain, $"no answer from {platform} (timed out)");
                case IOException:
                    return new DeliveryResult(DeliveryOutcome.Uncertain, $"no answer from {platform} (connection broken)");
            }
        }

        return null;
    }
}
