using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bot.Tests.Discord.Support;

/// <summary>A server in the fake: its roles (id → permission bits), the bot's roles, and its scheduled events.</summary>
internal sealed class FakeGuild(string id, string name)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>Role id → permissions; the role with the server's id is @everyone.</summary>
    public ConcurrentDictionary<string, ulong> Roles { get; } = new() { [id] = 0 };

    /// <summary>The roles the bot has.</summary>
    public List<string> BotRoles { get; } = [];

    /// <summary>Scheduled event id → the event as Discord would return it.</summary>
    public ConcurrentDictionary<string, JsonObject> Events { get; } = new();

    /// <summary>Interested members per scheduled event id.</summary>
    public ConcurrentDictionary<string, int> Interested { get; } = new();

    /// <summary>Gives the bot a role with these permissions.</summary>
    public FakeGuild WithBotRole(string roleId, ulong permissions)
    {
        Roles[roleId] = permissions;
        BotRoles.Add(roleId);
        return this;
    }

    public bool BotMayManageEvents
    {
        get
        {
            var bits = Roles.Where(r => r.Key == Id || BotRoles.Contains(r.Key)).Aggregate(0UL, (a, r) => a | r.Value);
            return (bits & (1UL << 3)) != 0 || (bits & (1UL << 33)) != 0;
        }
    }

    /// <summary>The scheduled events that are not over (status scheduled or active).</summary>
    public IReadOnlyList<JsonObject> Live => [.. Events.Values.Where(e => (int)e["status"]! is 1 or 2).OrderBy(e => (string)e["scheduled_start_time"]!, StringComparer.Ordinal)];
}

/// <summary>
/// The Guild and Guild Scheduled Event routes of the fake Discord, with Discord's own rules: request bodies are
/// checked against the OpenAPI description (a body that does not fit is refused with 400 and listed in
/// <see cref="SpecProblems"/>), the bot needs Manage Events (403 50013 otherwise), a start in the past and an end
/// before the start are refused (400), and external events need an end and a location.
/// </summary>
internal sealed class FakeGuilds
{
    private long _nextId = 5_000_000;

    public ConcurrentDictionary<string, FakeGuild> All { get; } = new();

    /// <summary>What the fake takes as now (the test's fake clock).</summary>
    public Func<DateTimeOffset> Now { get; set; } = TimeProvider.System.GetUtcNow;

    /// <summary>Every request body that did not fit Discord's description, with the route.</summary>
    public ConcurrentQueue<string> SpecProblems { get; } = new();

    public FakeGuild Add(string id, string name)
    {
        var guild = new FakeGuild(id, name);
        All[id] = guild;
        return guild;
    }

    /// <summary>The answer for a guild route, or null when the route is not one of these.</summary>
    public FakeResponse? Handle(RecordedRequest request)
    {
        var parts = request.Path.Split('/');
        switch (request.Method, parts)
        {
            case ("GET", ["users", "@me"]):
                return new(200, """{"id":"111","username":"outreach","discriminator":"0","bot":true}""");
            case ("GET", ["users", "@me", "guilds"]):
                return new(200, JsonSerializer.Serialize(All.Values.OrderBy(g => g.Id, StringComparer.Ordinal).Select(g => new { id = g.Id, name = g.Name, owner = false, permissions = "0" })));
            case ("GET", ["guilds", var id, "roles"]) when All.TryGetValue(id, out var guild):
                return new(200, JsonSerializer.Serialize(guild.Roles.Select(r => new { id = r.Key, name = r.Key == id ? "@everyone" : "role", permissions = r.Value.ToString(CultureInfo.InvariantCulture) })));
            case ("GET", ["guilds", var id, "members", "111"]) when All.TryGetValue(id, out var guild):
                return new(200, JsonSerializer.Serialize(new { roles = guild.BotRoles, user = new { id = "111" } }));
            case (_, ["guilds", var id, "scheduled-events", ..]) when All.TryGetValue(id, out var guild):
                return ScheduledEvents(request, guild, parts.Length > 3 ? parts[3] : null);
            case ("GET", ["guilds", var id]) when All.TryGetValue(id, out var guild):
                return new(200, JsonSerializer.Serialize(new { id = guild.Id, name = guild.Name }));
            case (_, ["guilds", ..]):
                return new(404, """{"code":10004,"message":"Unknown Guild"}""");
            default:
                return null;
        }
    }

    private FakeResponse ScheduledEvents(RecordedRequest request, FakeGuild guild, string? eventId)
    {
        if (request.Method == "GET" && eventId is null)
        {
            var counts = request.Query.Contains("with_user_count=true", StringComparison.Ordinal);
            return new(200, new JsonArray([.. guild.Events.Values.Select(e => View(guild, e, counts))]).ToJsonString());
        }

        if (request.Method != "GET" && !guild.BotMayManageEvents)
        {
            return new(403, """{"code":50013,"message":"Missing Permissions"}""");
        }

        if (request.Method == "DELETE" && eventId is not null)
        {
            return guild.Events.TryRemove(eventId, out _) ? new(204) : new(404, """{"code":10070,"message":"Unknown Guild Scheduled Event"}""");
        }

        if (request.Method is "POST" or "PATCH")
        {
            var schema = request.Method == "POST" ? "ExternalScheduledEventCreateRequest" : "ExternalScheduledEventPatchRequestPartial";
            var problems = OpenApiCheck.Problems(request.Json, schema);
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    SpecProblems.Enqueue($"{request.Method} {request.Path}: {problem}");
                }

                return new(400, """{"code":50035,"message":"Invalid Form Body"}""");
            }

            JsonObject target;
            if (request.Method == "POST")
            {
                var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
                target = new JsonObject { ["id"] = id, ["guild_id"] = guild.Id, ["creator_id"] = "111", ["status"] = 1, ["entity_type"] = 3, ["privacy_level"] = 2 };
            }
            else if (eventId is null || !guild.Events.TryGetValue(eventId, out target!))
            {
                return new(404, """{"code":10070,"message":"Unknown Guild Scheduled Event"}""");
            }

            var body = JsonNode.Parse(request.Body)!.AsObject();
            var start = DateTimeOffset.Parse((string?)body["scheduled_start_time"] ?? (string)target["scheduled_start_time"]!, CultureInfo.InvariantCulture);
            var end = (string?)body["scheduled_end_time"] ?? (string?)target["scheduled_end_time"];
            if ((int)target["status"]! == 1 && start <= Now())
            {
                return new(400, """{"code":50035,"message":"Invalid Form Body (scheduled_start_time: Cannot schedule event in the past.)"}""");
            }

            if (end is null || DateTimeOffset.Parse(end, CultureInfo.InvariantCulture) <= start)
            {
                return new(400, """{"code":50035,"message":"Invalid Form Body (scheduled_end_time: must be after the start for external events)"}""");
            }

            foreach (var (key, value) in body)
            {
                target[key] = value?.DeepClone();
            }

            guild.Events[(string)target["id"]!] = target;
            return new(200, View(guild, target, counts: false).ToJsonString());
        }

        if (request.Method == "GET" && eventId is not null && guild.Events.TryGetValue(eventId, out var one))
        {
            return new(200, View(guild, one, counts: false).ToJsonString());
        }

        return new(404, """{"code":10070,"message":"Unknown Guild Scheduled Event"}""");
    }

    private static JsonObject View(FakeGuild guild, JsonObject e, bool counts)
    {
        var view = e.DeepClone().AsObject();
        if (counts)
        {
            view["user_count"] = guild.Interested.GetValueOrDefault((string)e["id"]!);
        }

        return view;
    }
}
