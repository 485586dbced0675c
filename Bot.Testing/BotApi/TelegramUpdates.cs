using System.Text.Json.Nodes;

namespace Bot.Testing.BotApi;

/// <summary>Builders for update JSON as Telegram sends it.</summary>
internal static class TelegramUpdates
{
    public const long PrivateUser = 1001;
    public const long GroupChat = -100_555;

    public static JsonObject Message(string text, long chatId = PrivateUser, long userId = PrivateUser, string? language = "en", int messageId = 7) => new()
    {
        ["message"] = new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = 1_700_000_000,
            ["chat"] = chatId < 0
                ? new JsonObject { ["id"] = chatId, ["type"] = "supergroup", ["title"] = "PauseAI NL" }
                : new JsonObject { ["id"] = chatId, ["type"] = "private", ["first_name"] = "Ann" },
            ["from"] = User(userId, language),
            ["text"] = text,
        },
    };

    public static JsonObject Callback(string data, long chatId = PrivateUser, long userId = PrivateUser) => new()
    {
        ["callback_query"] = new JsonObject
        {
            ["id"] = "cb-1",
            ["from"] = User(userId, "en"),
            ["chat_instance"] = "ci",
            ["data"] = data,
            ["message"] = new JsonObject
            {
                ["message_id"] = 9,
                ["date"] = 1_700_000_000,
                ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId < 0 ? "supergroup" : "private", ["title"] = "G" },
                ["text"] = "Did you mean?",
            },
        },
    };

    public static JsonObject Inline(string query, long userId = PrivateUser) => new()
    {
        ["inline_query"] = new JsonObject
        {
            ["id"] = "iq-1",
            ["from"] = User(userId, "nl"),
            ["query"] = query,
            ["offset"] = string.Empty,
        },
    };

    private static JsonObject User(long id, string? language)
    {
        var user = new JsonObject { ["id"] = id, ["is_bot"] = false, ["first_name"] = "Ann" };
        if (language is not null)
        {
            user["language_code"] = language;
        }

        return user;
    }
}
