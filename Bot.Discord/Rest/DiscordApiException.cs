using System.Net;

namespace Bot.Discord.Rest;

/// <summary>Discord refused a REST call; carries the HTTP status, Discord's error code and any retry-after.</summary>
internal sealed class DiscordApiException : Exception
{
    public DiscordApiException(HttpStatusCode status, int? code, string? message, TimeSpan? retryAfter = null)
        : base($"Discord answered {(int)status} {status}{(code is null ? string.Empty : $", code {code}")}: {message}")
    {
        Status = status;
        Code = code;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode Status { get; }

    /// <summary>Discord's JSON error code (10003 Unknown Channel, 50001 Missing Access, …).</summary>
    public int? Code { get; }

    public TimeSpan? RetryAfter { get; }
}
