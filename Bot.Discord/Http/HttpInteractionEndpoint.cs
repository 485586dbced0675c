using System.Text.Json;
using Bot.Discord.Api;
using Bot.Discord.Interactions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Http;

/// <summary>
/// Discord's HTTP interactions: 401 for a bad signature (Discord tests this on purpose), PING → PONG, and
/// every other interaction through the same <see cref="InteractionResponder"/> as the gateway, its initial
/// response returned inline. Follow-ups continue after the HTTP response.
/// </summary>
internal sealed class HttpInteractionEndpoint(InteractionResponder responder, InteractionSignature signature, ILogger<HttpInteractionEndpoint> logger)
{
    private const int MaxBody = 1024 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxBody)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var body = buffer.ToArray();
        if (!signature.Verify(context.Request.Headers["X-Signature-Ed25519"], context.Request.Headers["X-Signature-Timestamp"], body))
        {
            logger.BadSignature();
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        Interaction? interaction;
        try
        {
            interaction = JsonSerializer.Deserialize(body, DiscordJsonContext.Default.Interaction);
        }
        catch (JsonException)
        {
            interaction = null;
        }

        if (interaction is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var initial = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = responder.HandleAsync(
            interaction,
            (response, _) =>
            {
                initial.TrySetResult(response);
                return Task.CompletedTask;
            },
            CancellationToken.None);
        await Task.WhenAny(initial.Task, work);
        if (!initial.Task.IsCompleted)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(await initial.Task, context.RequestAborted);
    }
}
