using System.Net;
using Telegram.Bot.Exceptions;

namespace Bot.Telegram.Api;

/// <summary>
/// Decides whether a failed Bot API call is worth repeating and after how long: 429 waits the
/// <c>retry_after</c> Telegram gives; 5xx and network trouble back off exponentially with jitter;
/// everything else (400, 401, 403, 404) is final.
/// </summary>
internal static class TelegramRetryPolicy
{
    /// <summary>The first back-off step.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off step.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, or null when the error is final.</summary>
    public static TimeSpan? DelayFor(Exception exception, int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(random);
        if (RetryAfter(exception) is { } retryAfter)
        {
            return retryAfter;
        }

        return IsTransient(exception) ? Backoff(attempt, random) : null;
    }

    /// <summary>The wait Telegram asked for with a 429, if this is one.</summary>
    public static TimeSpan? RetryAfter(Exception exception) =>
        exception is ApiRequestException { ErrorCode: 429 } api
            ? TimeSpan.FromSeconds(Math.Max(1, api.Parameters?.RetryAfter ?? 1))
            : null;

    /// <summary>
    /// The request went out and no answer came (a timeout, a connection lost mid-request): Telegram may
    /// have delivered it. A connection that could not be made, or any answer from Telegram, is not this.
    /// </summary>
    public static bool MayHaveArrived(Exception exception)
    {
        if (exception is ApiRequestException)
        {
            return false;
        }

        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError }:
                    return false;
                case HttpRequestException or TaskCanceledException or TimeoutException or IOException:
                    return true;
                case RequestException { HttpStatusCode: HttpStatusCode.RequestTimeout }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Server errors and network failures.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        ApiRequestException api => api.ErrorCode >= 500 || api.ErrorCode == 429,
        RequestException request => request.HttpStatusCode is null || (int)request.HttpStatusCode >= 500 || request.HttpStatusCode == HttpStatusCode.RequestTimeout,
        HttpRequestException => true,
        TimeoutException => true,
        TaskCanceledException => true,
        IOException => true,
        _ => false,
    };

    /// <summary>The HTTP status Telegram answered with, or 0 for network trouble.</summary>
    public static int ErrorCode(Exception exception) => exception switch
    {
        ApiRequestException api => api.ErrorCode,
        RequestException { HttpStatusCode: { } status } => (int)status,
        _ => 0,
    };

    /// <summary>Exponential back-off with "equal jitter": half fixed, half random, capped.</summary>
    public static TimeSpan Backoff(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var exponent = Math.Clamp(attempt, 0, 10);
        var step = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds((step / 2) + (random.NextDouble() * step / 2));
    }
}
