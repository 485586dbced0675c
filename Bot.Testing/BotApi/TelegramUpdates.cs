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

    public static JsonObject Callback(string data, long chatId = PrivateUser, long userId = PrivateUser, long messageId = 9) => new()
    {
        ["callback_query"] = new JsonObject
        {
            ["id"] = "cb-1",
            ["from"] = User(userId, "en"),
            ["chat_instance"] = "ci",
            ["data"] = data,
            ["message"] = new JsonObject
            {
                ["message_id"] = messageId,
                ["date"] = 1_700_000_000,
                ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId < 0 ? "supergroup" : "private", ["title"] = "G" },
                ["text"] = "Did you mean?",
            },
        },
    };

    /// <summary>A photo (its largest size <paramref name="fileId"/>) with <paramref name="caption"/>, as a group member posts it.</summary>
    public static JsonObject Photo(string caption, string fileId, long chatId = GroupChat, long userId = PrivateUser, int fileSize = 1000)
    {
        var update = Message(caption, chatId, userId);
        var message = update["message"]!.AsObject();
        message.Remove("text");
        message["caption"] = caption;
        message["photo"] = new JsonArray(
            new JsonObject { ["file_id"] = fileId + "-thumb", ["file_unique_id"] = "t", ["width"] = 90, ["height"] = 60, ["file_size"] = 100 },
            new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "p", ["width"] = 800, ["height"] = 600, ["file_size"] = fileSize });
        return update;
    }

    /// <summary>A post in a channel: from the channel itself, signed with <paramref name="signature"/> when given, with a <c>from</c> only when <paramref name="from"/> is given.</summary>
    public static JsonObject ChannelPost(string text, long channelId, string? signature = null, long? from = null)
    {
        var post = new JsonObject
        {
            ["message_id"] = 31,
            ["date"] = 1_700_000_000,
            ["chat"] = new JsonObject { ["id"] = channelId, ["type"] = "channel", ["title"] = "PauseAI kanaal", ["username"] = "pauseai_kanaal" },
            ["sender_chat"] = new JsonObject { ["id"] = channelId, ["type"] = "channel", ["title"] = "PauseAI kanaal" },
            ["text"] = text,
        };
        if (signature is not null)
        {
            post["author_signature"] = signature;
        }

        if (from is { } user)
        {
            post["from"] = User(user, "nl");
        }

        return new JsonObject { ["channel_post"] = post };
    }

    /// <summary>The bot's own membership in <paramref name="chatId"/> changed from <paramref name="oldStatus"/> to <paramref name="newStatus"/>.</summary>
    public static JsonObject MyChatMember(long chatId, string oldStatus, string newStatus, bool canPost = true, string type = "channel") => new()
    {
        ["my_chat_member"] = new JsonObject
        {
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = type, ["title"] = "PauseAI kanaal" },
            ["from"] = User(5005, "nl"),
            ["date"] = 1_700_000_000,
            ["old_chat_member"] = Member(oldStatus, canPost),
            ["new_chat_member"] = Member(newStatus, canPost),
        },
    };

    private static JsonObject Member(string status, bool canPost)
    {
        var member = new JsonObject { ["status"] = status, ["user"] = new JsonObject { ["id"] = BotApiJson.BotId, ["is_bot"] = true, ["first_name"] = "Pause" } };
        if (status == "administrator")
        {
            foreach (var right in new[] { "can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories" })
            {
                member[right] = false;
            }

            member["can_post_messages"] = canPost;
        }
        else if (status == "kicked")
        {
            member["until_date"] = 0;
        }

        return member;
    }

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
