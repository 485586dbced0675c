using System.Net;
using System.Text.Json.Nodes;
using Bot.Testing.BotApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Telegram;

/// <summary>One request the fake received.</summary>
internal sealed record FakeCall(string Method, string Token, JsonObject Parameters)
{
    public string? Text => Parameters["text"]?.GetValue<string>();

    public long ChatId => Parameters["chat_id"] is JsonValue id && id.TryGetValue<long>(out var number) ? number
        : long.Parse(Parameters["chat_id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the call carried a file (multipart upload) rather than only text and ids.</summary>
    public bool IsUpload => Parameters.Any(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) && s.StartsWith(BotApiJson.UploadPrefix, StringComparison.Ordinal));
}

/// <summary>A canned answer: HTTP status and body.</summary>
internal sealed record FakeResponse(int Status, string Body)
{
    public static FakeResponse Error(int code, string description, int? retryAfter = null, long? migrateTo = null) => new(code, BotApiJson.Error(code, description, retryAfter, migrateTo));
}

/// <summary>
/// An in-process Bot API on 127.0.0.1: routes <c>/bot{token}/{method}</c>, reads JSON or form
/// bodies as Telegram.Bot sends them, records every call, answers like Telegram (or with canned
/// errors queued by the test), and serves <c>getUpdates</c> from a queue the test fills (<see cref="TelegramUpdateFeed"/>).
/// </summary>
internal sealed class FakeBotApi : IAsyncDisposable
{
    public const string BotUsername = "PauseBot";
    public const long BotId = BotApiJson.BotId;

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<FakeCall> _calls = [];
    private readonly TelegramUpdateFeed _updates = new();
    private readonly Dictionary<string, Queue<FakeResponse>> _canned = new(StringComparer.OrdinalIgnoreCase);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<(long Chat, long Message), string> _messages = [];

    /// <summary>The messages of <see cref="_messages"/> that are photos (their text is the caption).</summary>
    private readonly HashSet<(long Chat, long Message)> _photos = [];
    private int _nextMessageId = 1;
    private int _disposed;

    private FakeBotApi(WebApplication app, string token)
    {
        _app = app;
        Token = token;
    }

    public string Token { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The test's answer to a call (recorded first), or null for the usual one.</summary>
    public Func<FakeCall, FakeResponse?>? Respond { get; set; }

    /// <summary>How long the fake takes to answer a sendMessage (a slow platform); the call is recorded on arrival.</summary>
    public TimeSpan SendDelay { get; set; }

    /// <summary>How long the fake takes to answer a call (any method), when set; the call is recorded on arrival.</summary>
    public Func<FakeCall, TimeSpan>? Delay { get; set; }

    /// <summary>Chat members the fake reports as administrators, as (chat, user).</summary>
    public HashSet<(long Chat, long User)> Admins { get; } = [];

    /// <summary>Administrators (see <see cref="Admins"/>) reported without <c>can_post_messages</c>.</summary>
    public HashSet<(long Chat, long User)> AdminsWhoMayNotPost { get; } = [];

    /// <summary>Names of users, for <c>getChatAdministrators</c> (a channel post is signed with its author's name).</summary>
    public Dictionary<long, string> Names { get; } = [];

    /// <summary>Channels <c>getChat</c> finds by <c>@username</c>.</summary>
    public Dictionary<string, long> Channels { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Files <c>getFile</c> knows, by file_id, and the bytes served for them under <c>/file/bot{token}/{path}</c>.</summary>
    public Dictionary<string, byte[]> Files { get; } = [];

    /// <summary>File ids Telegram no longer takes (as after a while, or from another bot): <c>sendPhoto</c> by one answers "wrong file identifier".</summary>
    public HashSet<string> RefusedFileIds { get; } = [];

    /// <summary>The file_id every uploaded photo gets.</summary>
    public const string UploadedPhotoId = "AgACAgQAAxkBAAIBUploadedPhoto";

    public IReadOnlyList<FakeCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public static async Task<FakeBotApi> StartAsync(string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBotApi(app, token);
        app.Map("/bot{token}/{method}", fake.HandleAsync);
        app.Map("/file/bot{token}/{**path}", fake.ServeFileAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address);
        return fake;
    }

    /// <summary>The messages sent that are still there, with their (edited) text, by (chat, message id).</summary>
    public IReadOnlyDictionary<(long Chat, long Message), string> Messages
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<(long, long), string>(_messages);
            }
        }
    }

    /// <summary>Deletes a message as a member would (the bot's next edit finds it gone).</summary>
    public bool DeleteByHand(long chat, long message)
    {
        lock (_gate)
        {
            return _messages.Remove((chat, message));
        }
    }

    public IReadOnlyList<FakeCall> CallsTo(string method) => Calls.Where(c => c.Method.Equals(method, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>Answers the next call(s) to a method with these responses, in order.</summary>
    public void Enqueue(string method, params FakeResponse[] responses)
    {
        lock (_gate)
        {
            if (!_canned.TryGetValue(method, out var queue))
            {
                _canned[method] = queue = new Queue<FakeResponse>();
            }

            foreach (var response in responses)
            {
                queue.Enqueue(response);
            }
        }
    }

    /// <summary>Queues an update; <paramref name="body"/> is the update without <c>update_id</c>.</summary>
    public long PushUpdate(JsonObject body) => _updates.Push(body);

    /// <summary>Queues a raw update JSON that names its own update_id.</summary>
    public void PushRawUpdate(long id, string json) => _updates.PushRaw(id, json);

    /// <summary>Waits until <paramref name="count"/> calls match, or fails after a generous timeout.</summary>
    public async Task<IReadOnlyList<FakeCall>> WaitForAsync(string method, int count = 1, Func<FakeCall, bool>? where = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var matches = _calls.Where(c => c.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && (where?.Invoke(c) ?? true)).ToList();
                if (matches.Count >= count)
                {
                    return matches;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited for {count} {method} call(s); got: {string.Join(", ", Calls.Select(c => c.Method))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _updates.Stop();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _updates.Dispose();
    }

    private void Signal()
    {
        var old = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.TrySetResult();
    }

    private async Task HandleAsync(HttpContext context, string token, string method)
    {
        var parameters = await BotApiJson.ReadParametersAsync(context.Request);
        var call = new FakeCall(method, token, parameters);
        FakeResponse? canned = null;
        lock (_gate)
        {
            _calls.Add(call);
            if (token == Token && _canned.TryGetValue(method, out var queue) && queue.Count > 0)
            {
                canned = queue.Dequeue();
            }

            Signal();
        }

        var delay = Delay?.Invoke(call) ?? (method.Equals("sendMessage", StringComparison.OrdinalIgnoreCase) ? SendDelay : TimeSpan.Zero);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, TimeProvider.System, context.RequestAborted);
        }

        var response = token != Token ? FakeResponse.Error(401, "Unauthorized")
            : canned ?? Respond?.Invoke(call) ?? await AnswerAsync(method, parameters, context.RequestAborted);
        await BotApiJson.WriteAsync(context, response.Status, response.Body);
    }

    private async Task<FakeResponse> AnswerAsync(string method, JsonObject parameters, CancellationToken aborted)
    {
        if (method.Equals("getUpdates", StringComparison.OrdinalIgnoreCase))
        {
            // The updates go out byte for byte as queued, escapes such as a lone "\ud800" included.
            return new FakeResponse(200, await _updates.GetUpdatesAsync(parameters, aborted));
        }

        if (method.ToLowerInvariant() is "editmessagetext" or "editmessagecaption" or "deletemessage" or "sendmessage" or "sendphoto")
        {
            return ChangeMessage(method.ToLowerInvariant(), parameters);
        }

        JsonNode? result = method.ToLowerInvariant() switch
        {
            "getme" => BotApiJson.Me(BotUsername),
            "getchatmember" => ChatMember(ChatOf(parameters), UserOf(parameters)),
            "getchatadministrators" => ChatAdministrators(ChatOf(parameters)),
            "getchat" => Chat(parameters["chat_id"]!.ToString()),
            "getfile" => File(parameters["file_id"]!.GetValue<string>()),
            "pinchatmessage" => true,
            "setmycommands" or "deletewebhook" or "setwebhook" or "answercallbackquery" or "answerinlinequery" => true,
            _ => null,
        };
        return result is null
            ? FakeResponse.Error(404, "Not Found: method not found")
            : new FakeResponse(200, BotApiJson.Ok(result));
    }

    /// <summary>sendMessage, editMessageText and deleteMessage over the messages the fake keeps, with Telegram's answers.</summary>
    private FakeResponse ChangeMessage(string method, JsonObject parameters)
    {
        var chat = ChatOf(parameters);
        lock (_gate)
        {
            if (method == "sendphoto")
            {
                if (parameters["photo"] is JsonValue photo && photo.TryGetValue<string>(out var fileId) && RefusedFileIds.Contains(fileId))
                {
                    return FakeResponse.Error(400, "Bad Request: wrong file identifier/HTTP URL specified");
                }

                var photoId = ++_nextMessageId;
                _messages[(chat, photoId)] = parameters["caption"]?.GetValue<string>() ?? string.Empty;
                _photos.Add((chat, photoId));
                return new FakeResponse(200, BotApiJson.Ok(SentPhoto(photoId, chat)));
            }

            if (method == "sendmessage")
            {
                var id = ++_nextMessageId;
                _messages[(chat, id)] = parameters["text"]?.GetValue<string>() ?? string.Empty;
                return new FakeResponse(200, BotApiJson.Ok(BotApiJson.SentMessage(id, chat)));
            }

            var message = parameters["message_id"]?.GetValue<long>() ?? 0;
            if (!_messages.TryGetValue((chat, message), out var text))
            {
                return FakeResponse.Error(400, method == "deletemessage" ? "Bad Request: message to delete not found" : "Bad Request: message to edit not found");
            }

            if (method == "deletemessage")
            {
                _messages.Remove((chat, message));
                _photos.Remove((chat, message));
                return new FakeResponse(200, BotApiJson.Ok(true));
            }

            // As Telegram: a photo's text is its caption, changed only by editMessageCaption, within 1,024 characters.
            var isPhoto = _photos.Contains((chat, message));
            if (method == "editmessagetext" && isPhoto)
            {
                return FakeResponse.Error(400, "Bad Request: there is no text in the message to edit");
            }

            if (method == "editmessagecaption" && !isPhoto)
            {
                return FakeResponse.Error(400, "Bad Request: there is no caption in the message to edit");
            }

            var newText = parameters[method == "editmessagecaption" ? "caption" : "text"]?.GetValue<string>() ?? string.Empty;
            if (method == "editmessagecaption" && Bot.Telegram.Rendering.TelegramHtml.VisibleLength(newText) > Bot.Telegram.Rendering.TelegramHtml.MaxCaptionLength)
            {
                return FakeResponse.Error(400, "Bad Request: message caption is too long");
            }

            if (newText == text)
            {
                return FakeResponse.Error(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
            }

            _messages[(chat, message)] = newText;
            return new FakeResponse(200, BotApiJson.Ok(isPhoto ? SentPhoto(message, chat) : BotApiJson.SentMessage(message, chat)));
        }
    }

    private static JsonObject GroupOrPrivateChat(long chat) => new()
    {
        ["id"] = chat,
        ["type"] = chat < 0 ? "supergroup" : "private",
        ["title"] = chat < 0 ? $"PauseAI groep {chat}" : null,
        ["first_name"] = chat < 0 ? null : "Lid",
        ["accent_color_id"] = 0,
        ["max_reaction_count"] = 11,
        ["accepted_gift_types"] = new JsonObject { ["unlimited_gifts"] = false, ["limited_gifts"] = false, ["unique_gifts"] = false, ["premium_subscription"] = false },
    };

    private static long ChatOf(JsonObject parameters) => parameters["chat_id"] is JsonValue id && id.TryGetValue<long>(out var number) ? number
        : long.TryParse(parameters["chat_id"]?.ToString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;

    private static long UserOf(JsonObject parameters) => parameters["user_id"] is JsonValue id && id.TryGetValue<long>(out var number) ? number
        : long.Parse(parameters["user_id"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);

    private JsonObject ChatMember(long chat, long user)
    {
        bool admin;
        bool mayPost;
        lock (_gate)
        {
            admin = Admins.Contains((chat, user));
            mayPost = !AdminsWhoMayNotPost.Contains((chat, user));
        }

        return admin ? Administrator(user, mayPost)
            : new JsonObject { ["status"] = "member", ["user"] = UserJson(user) };
    }

    private JsonObject UserJson(long user)
    {
        lock (_gate)
        {
            var name = Names.GetValueOrDefault(user, user == BotId ? "Pause" : "A");
            var parts = name.Split(' ', 2);
            return new JsonObject { ["id"] = user, ["is_bot"] = user == BotId, ["first_name"] = parts[0], ["last_name"] = parts.Length > 1 ? parts[1] : null };
        }
    }

    private JsonObject Administrator(long user, bool mayPost) => new()
    {
        ["status"] = "administrator", ["user"] = UserJson(user), ["can_be_edited"] = false, ["is_anonymous"] = false, ["can_manage_chat"] = true,
        ["can_delete_messages"] = true, ["can_manage_video_chats"] = true, ["can_restrict_members"] = true, ["can_promote_members"] = false,
        ["can_change_info"] = true, ["can_invite_users"] = true, ["can_post_stories"] = false, ["can_edit_stories"] = false, ["can_delete_stories"] = false,
        ["can_post_messages"] = mayPost,
    };

    private JsonArray ChatAdministrators(long chat)
    {
        List<(long User, bool MayPost)> admins;
        lock (_gate)
        {
            admins = Admins.Where(a => a.Chat == chat).Select(a => (a.User, !AdminsWhoMayNotPost.Contains(a))).ToList();
        }

        return [.. admins.Select(a => (JsonNode)Administrator(a.User, a.MayPost))];
    }

    private JsonObject? Chat(string chatId)
    {
        long id;
        lock (_gate)
        {
            if (!Channels.TryGetValue(chatId, out id))
            {
                if (!long.TryParse(chatId, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out id))
                {
                    return null;
                }

                if (!Channels.ContainsValue(id))
                {
                    return GroupOrPrivateChat(id);
                }
            }
        }

        return new JsonObject
        {
            ["id"] = id, ["type"] = "channel", ["title"] = "Kanaal", ["username"] = chatId.TrimStart('@'), ["accent_color_id"] = 0, ["max_reaction_count"] = 11,
            ["accepted_gift_types"] = new JsonObject { ["unlimited_gifts"] = false, ["limited_gifts"] = false, ["unique_gifts"] = false, ["premium_subscription"] = false, ["gifts_from_channels"] = false },
        };
    }

    private JsonObject? File(string fileId)
    {
        lock (_gate)
        {
            return Files.TryGetValue(fileId, out var bytes)
                ? new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "u-" + fileId, ["file_size"] = bytes.Length, ["file_path"] = "photos/" + fileId + ".jpg" }
                : null;
        }
    }

    private async Task ServeFileAsync(HttpContext context, string token, string path)
    {
        byte[]? bytes = null;
        lock (_gate)
        {
            var id = Path.GetFileNameWithoutExtension(path);
            if (token == Token)
            {
                Files.TryGetValue(id, out bytes);
            }
        }

        context.Response.StatusCode = bytes is null ? 404 : 200;
        if (bytes is not null)
        {
            await context.Response.Body.WriteAsync(bytes);
        }
    }

    private static JsonObject SentPhoto(long messageId, long chatId)
    {
        var message = BotApiJson.SentMessage(messageId, chatId);
        message.Remove("text");
        message["photo"] = new JsonArray(
            new JsonObject { ["file_id"] = UploadedPhotoId + "-small", ["file_unique_id"] = "small", ["width"] = 90, ["height"] = 60 },
            new JsonObject { ["file_id"] = UploadedPhotoId, ["file_unique_id"] = "large", ["width"] = 600, ["height"] = 400 });
        return message;
    }
}
