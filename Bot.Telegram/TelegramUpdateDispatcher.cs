using System.Text.Json;
using Bot.Telegram.Api;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Bot.Telegram;

/// <summary>
/// The one place updates enter, from polling or the webhook: reads the JSON, hands the update to
/// the handler, and logs and skips an update that cannot be read or fails.
/// </summary>
internal sealed partial class TelegramUpdateDispatcher
{
    private readonly TelegramUpdateHandler _handler;
    private readonly ILogger<TelegramUpdateDispatcher> _logger;

    public TelegramUpdateDispatcher(TelegramUpdateHandler handler, ILogger<TelegramUpdateDispatcher> logger)
    {
        _handler = handler;
        _logger = logger;
    }

    /// <summary>Reads an update; null (and a log line) when it is not one.</summary>
    public Update? Read(JsonElement json)
    {
        try
        {
            return json.Deserialize<Update>(JsonBotAPI.Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            LogUnreadable(ex, UpdateId(json));
            return null;
        }
    }

    /// <summary>Handles one update; never throws except for shutdown.</summary>
    public async Task DispatchAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        try
        {
            await _handler.HandleAsync(update, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(ex is RequestException or HttpRequestException ? null : ex, ex.GetType().Name, update.Id, TelegramRetryPolicy.ErrorCode(ex), Describe(ex));
        }
    }

    /// <summary>The <c>update_id</c> of a raw update, or -1.</summary>
    public static long UpdateId(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("update_id", out var id) && id.TryGetInt64(out var value) ? value : -1;

    // Exception messages of HTTP failures can carry request URLs, and those carry the token:
    // log the type, the API error and the first line of the message, never the request.
    private static string Describe(Exception ex)
    {
        var message = ex.Message;
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        message = newline >= 0 ? message[..newline] : message;
        return message.Contains("/bot", StringComparison.OrdinalIgnoreCase) ? "(request details withheld)" : message;
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Skipped Telegram update {UpdateId}: it could not be read")]
    private partial void LogUnreadable(Exception exception, long updateId);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Error, Message = "Telegram update {UpdateId} failed with {ExceptionType} ({ErrorCode}): {Description}; skipped")]
    private partial void LogFailed(Exception? exception, string exceptionType, long updateId, int errorCode, string description);
}
