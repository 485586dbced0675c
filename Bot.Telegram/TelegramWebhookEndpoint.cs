using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bot.Core.Delivery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Telegram;

/// <summary>
/// Receives updates Telegram posts in webhook mode. A request without the right
/// <c>X-Telegram-Bot-Api-Secret-Token</c> header is refused (compared in constant time). On a node
/// that does not lead, the update is handed to the leader (<see cref="LeaderInbox"/>), which answers it.
/// </summary>
internal sealed partial class TelegramWebhookEndpoint
{
    /// <summary>The header Telegram puts the secret in.</summary>
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private readonly byte[] _secret;
    private readonly TelegramUpdateDispatcher _dispatcher;
    private readonly ILogger<TelegramWebhookEndpoint> _logger;
    private readonly PlatformLeadership? _leadership;
    private readonly LeaderInbox? _inbox;

    public TelegramWebhookEndpoint(
        IOptions<TelegramOptions> options,
        TelegramUpdateDispatcher dispatcher,
        ILogger<TelegramWebhookEndpoint> logger,
        PlatformLeadership? leadership = null,
        LeaderInbox? inbox = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _secret = Encoding.UTF8.GetBytes(options.Value.WebhookSecret ?? string.Empty);
        _dispatcher = dispatcher;
        _logger = logger;
        _leadership = leadership;
        _inbox = inbox;
    }

    /// <summary>Whether the host mapped the endpoint (<c>MapTelegramWebhook</c>); webhook mode is useless without it.</summary>
    public bool IsMapped { get; set; }

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsAuthorized(context.Request.Headers[SecretHeader].ToString()))
        {
            LogRejected(context.Connection.RemoteIpAddress?.ToString() ?? "?");
            return Results.Unauthorized();
        }

        JsonElement json;
        try
        {
            json = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            LogBadBody(ex);
            return Results.BadRequest();
        }

        if (!await LeadsAsync(context.RequestAborted).ConfigureAwait(false))
        {
            try
            {
                await _inbox!.HandOverAsync(TelegramPlatform.Id, json.GetRawText(), context.RequestAborted).ConfigureAwait(false);
                return Results.Ok();
            }
            catch (DbException ex)
            {
                // Not kept, so not acknowledged: Telegram sends the update again later.
                LogHandOverFailed(ex);
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        }

        // A 2xx tells Telegram not to resend; an unreadable or failing update is logged and skipped.
        if (_dispatcher.Read(json) is { } update)
        {
            await _dispatcher.DispatchAsync(update, context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            await _dispatcher.AnswerUnreadableAsync(json, context.RequestAborted).ConfigureAwait(false);
        }

        return Results.Ok();
    }

    private async Task<bool> LeadsAsync(CancellationToken cancellationToken)
    {
        if (_leadership is null || _inbox is not { IsShared: true })
        {
            return true;
        }

        try
        {
            return await _leadership.HoldAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            // Without the database nobody can be told to answer: answering here beats not answering.
            LogLeadUnknown(ex);
            return true;
        }
    }

    internal bool IsAuthorized(string? header)
    {
        if (_secret.Length == 0 || string.IsNullOrEmpty(header))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), _secret);
    }

    [LoggerMessage(EventId = 3501, Level = LogLevel.Warning, Message = "Refused a Telegram webhook request from {RemoteAddress}: wrong or missing secret header")]
    private partial void LogRejected(string remoteAddress);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Warning, Message = "Refused a Telegram webhook request: the body is not JSON")]
    private partial void LogBadBody(Exception exception);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Warning, Message = "Could not ask the database which node leads; this node answers the Telegram update itself")]
    private partial void LogLeadUnknown(Exception exception);

    [LoggerMessage(EventId = 3504, Level = LogLevel.Warning, Message = "Could not hand a Telegram update to the leading node (database unreachable); Telegram will send it again")]
    private partial void LogHandOverFailed(Exception exception);
}
