using System.Globalization;
using System.Text;
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

    /// <summary>
    /// Reads an update; null (and one log line) when it is not one. Lone surrogate escapes
    /// (<c>"\ud800"</c>), which Telegram passes on from clients but .NET refuses to read as a string,
    /// are replaced by U+FFFD so that the message is still answered.
    /// </summary>
    public Update? Read(JsonElement json)
    {
        try
        {
            return json.Deserialize<Update>(JsonBotAPI.Options);
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            var id = UpdateId(json);
            if (WithoutLoneSurrogates(json.GetRawText()) is { } repaired)
            {
                try
                {
                    var update = JsonSerializer.Deserialize<Update>(repaired, JsonBotAPI.Options);
                    LogRepaired(id);
                    return update;
                }
                catch (Exception again) when (IsUnreadable(again))
                {
                    ex = again;
                }
            }

            LogUnreadable(id, ex.GetType().Name, Describe(ex));
            LogUnreadableDetail(ex, id);
            return null;
        }
    }

    /// <summary>
    /// Tells the sender of an update <see cref="Read"/> refused that it could not be read, when the
    /// update still names a private chat; never throws except for shutdown.
    /// </summary>
    public async Task AnswerUnreadableAsync(JsonElement json, CancellationToken cancellationToken)
    {
        if (!json.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("chat", out var chat) || chat.ValueKind != JsonValueKind.Object
            || !chat.TryGetProperty("id", out var id) || !id.TryGetInt64(out var chatId)
            || !chat.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || !type.ValueEquals("private"))
        {
            return;
        }

        var language = message.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.Object
            && from.TryGetProperty("language_code", out var code) && code.ValueKind == JsonValueKind.String
            ? code.GetString()
            : null;
        try
        {
            await _handler.AnswerUnreadableAsync(chatId, language, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(ex is RequestException or HttpRequestException ? null : ex, ex.GetType().Name, UpdateId(json), TelegramErrors.ErrorCode(ex), Describe(ex));
        }
    }

    /// <summary>The JSON text with every lone surrogate escape replaced by <c>\uFFFD</c>; null when it has none.</summary>
    internal static string? WithoutLoneSurrogates(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        StringBuilder? builder = null;
        var copied = 0;
        for (var i = 0; i < json.Length - 1; i++)
        {
            if (json[i] != '\\')
            {
                continue;
            }

            if (json[i + 1] != 'u' || !TryReadUnit(json, i + 2, out var unit))
            {
                i++; // another escape: its second character is not the start of one
                continue;
            }

            if (char.IsHighSurrogate(unit) && i + 11 < json.Length && json[i + 6] == '\\' && json[i + 7] == 'u'
                && TryReadUnit(json, i + 8, out var low) && char.IsLowSurrogate(low))
            {
                i += 11;
                continue;
            }

            if (char.IsSurrogate(unit))
            {
                builder ??= new StringBuilder(json.Length);
                builder.Append(json, copied, i - copied).Append("\\uFFFD");
                copied = i + 6;
            }

            i += 5;
        }

        return builder?.Append(json, copied, json.Length - copied).ToString();
    }

    private static bool TryReadUnit(string json, int start, out char unit)
    {
        unit = '\0';
        if (start + 4 > json.Length || !ushort.TryParse(json.AsSpan(start, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        unit = (char)value;
        return true;
    }

    private static bool IsUnreadable(Exception ex) =>
        ex is JsonException or NotSupportedException or InvalidOperationException or FormatException or ArgumentException;

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
            LogFailed(ex is RequestException or HttpRequestException ? null : ex, ex.GetType().Name, update.Id, TelegramErrors.ErrorCode(ex), Describe(ex));
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

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Skipped Telegram update {UpdateId}: it could not be read ({ExceptionType}: {Description})")]
    private partial void LogUnreadable(long updateId, string exceptionType, string description);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Debug, Message = "Telegram update {UpdateId} could not be read")]
    private partial void LogUnreadableDetail(Exception exception, long updateId);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Debug, Message = "Telegram update {UpdateId} had lone surrogate escapes; read with U+FFFD in their place")]
    private partial void LogRepaired(long updateId);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Error, Message = "Telegram update {UpdateId} failed with {ExceptionType} ({ErrorCode}): {Description}; skipped")]
    private partial void LogFailed(Exception? exception, string exceptionType, long updateId, int errorCode, string description);
}
