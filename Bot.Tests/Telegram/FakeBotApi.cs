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

    public long ChatId => Parameters["chat_id"]!.GetValue<long>();
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

        if (method.ToLowerInvariant() is "editmessagetext" or "deletemessage" or "sendmessage")
        {
            return ChangeMessage(method.ToLowerInvariant(), parameters);
        }

        JsonNode? result = method.ToLowerInvariant() switch
        {
            "getme" => BotApiJson.Me(BotUsername),
            "getchat" => Chat(parameters["chat_id"]!.GetValue<long>()),
            "pinchatmessage" => true,
            "getchatmember" => ChatMember(parameters),
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
        var chat = parameters["chat_id"]?.GetValue<long>() ?? 0;
        lock (_gate)
        {
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
                return new FakeResponse(200, BotApiJson.Ok(true));
            }

            var newText = parameters["text"]?.GetValue<string>() ?? string.Empty;
            if (newText == text)
            {
                return FakeResponse.Error(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
            }

            _messages[(chat, message)] = newText;
            return new FakeResponse(200, BotApiJson.Ok(BotApiJson.SentMessage(message, chat)));
        }
    }

    private static JsonObject Chat(long chat) => new()
    {
        ["id"] = chat,
        ["type"] = chat < 0 ? "supergroup" : "private",
        ["title"] = chat < 0 ? $"PauseAI groep {chat}" : null,
        ["first_name"] = chat < 0 ? null : "Lid",
        ["accent_color_id"] = 0,
        ["max_reaction_count"] = 11,
        ["accepted_gift_types"] = new JsonObject { ["unlimited_gifts"] = false, ["limited_gifts"] = false, ["unique_gifts"] = false, ["premium_subscription"] = false },
    };

    private JsonObject ChatMember(JsonObject parameters)
    {
        var chat = parameters["chat_id"]!.GetValue<long>();
        var user = parameters["user_id"]!.GetValue<long>();
        bool admin;
        lock (_gate)
        {
            admin = Admins.Contains((chat, user));
        }

        return admin
            ? new JsonObject { ["status"] = "administrator", ["user"] = new JsonObject { ["id"] = user, ["is_bot"] = false, ["first_name"] = "A" }, ["can_be_edited"] = false, ["is_anonymous"] = false, ["can_manage_chat"] = true, ["can_delete_messages"] = true, ["can_manage_video_chats"] = true, ["can_restrict_members"] = true, ["can_promote_members"] = false, ["can_change_info"] = true, ["can_invite_users"] = true, ["can_post_stories"] = false, ["can_edit_stories"] = false, ["can_delete_stories"] = false }
            : new JsonObject { ["status"] = "member", ["user"] = new JsonObject { ["id"] = user, ["is_bot"] = false, ["first_name"] = "M" } };
    }
}
