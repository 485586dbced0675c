using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Bot.Testing.BotApi;

/// <summary>What the fake Bot APIs read and answer: a call's parameters, and results and errors shaped as Telegram's.</summary>
internal static class BotApiJson
{
    /// <summary>The bot's id in <c>getMe</c> and in the messages it sends.</summary>
    public const long BotId = 4242;

    /// <summary>How a parameter that carried an uploaded file starts.</summary>
    public const string UploadPrefix = "upload:";

    /// <summary>A call's parameters, from a JSON or form body (as Telegram.Bot sends them) and the query string.</summary>
    public static async Task<JsonObject> ReadParametersAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HasJsonContentType())
        {
            var node = await JsonNode.ParseAsync(request.Body);
            return node as JsonObject ?? [];
        }

        var result = new JsonObject();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form)
            {
                // Telegram.Bot sends nested objects in forms as JSON text.
                var text = value.ToString();
                result[key] = text.StartsWith('{') || text.StartsWith('[') ? JsonNode.Parse(text) : JsonValue.Create(text);
            }

            // An uploaded file (InputFile) as the parameter it fills, "upload:{file name}:{bytes}:{sha256}": the parameter
            // named like the part, or the one that points to it as "attach://{part}" (as Telegram.Bot sends it).
            foreach (var file in form.Files)
            {
                await using var stream = file.OpenReadStream();
                var hash = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(stream));
                var pointer = result.FirstOrDefault(p => p.Value is JsonValue v && v.TryGetValue<string>(out var text) && text == "attach://" + file.Name).Key;
                result[pointer ?? file.Name] = $"{UploadPrefix}{file.FileName}:{file.Length}:{hash}";
            }
        }

        foreach (var (key, value) in request.Query)
        {
            result[key] = JsonValue.Create(value.ToString());
        }

        return result;
    }

    /// <summary><c>{"ok":true,"result":…}</c>.</summary>
    public static string Ok(JsonNode result) => new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString();

    /// <summary>An error answer, with <c>parameters.retry_after</c> when given.</summary>
    public static string Error(int code, string description, int? retryAfter = null, long? migrateTo = null) => new JsonObject
    {
        ["ok"] = false,
        ["error_code"] = code,
        ["description"] = description,
        ["parameters"] = retryAfter is { } seconds ? new JsonObject { ["retry_after"] = seconds }
            : migrateTo is { } chat ? new JsonObject { ["migrate_to_chat_id"] = chat }
            : null,
    }.ToJsonString();

    /// <summary>The result of <c>getMe</c>.</summary>
    public static JsonObject Me(string username) =>
        new() { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Pause", ["username"] = username, ["supports_inline_queries"] = true };

    /// <summary>The message a <c>sendMessage</c> to <paramref name="chatId"/> returns.</summary>
    public static JsonObject SentMessage(long messageId, long chatId) => new()
    {
        ["message_id"] = messageId,
        ["date"] = 1_700_000_000,
        ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId < 0 ? "supergroup" : "private", ["title"] = chatId < 0 ? "Group" : null },
        ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Pause" },
        ["text"] = "sent",
    };

    /// <summary>Writes a JSON answer.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string body)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }
}
