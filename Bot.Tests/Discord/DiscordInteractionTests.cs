using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Discord.Interactions;
using Bot.Tests.Discord.Support;
using Xunit;

namespace Bot.Tests.Discord;

/// <summary>Interactions from the gateway answered through the core's CommandRouter, checked against Discord's OpenAPI.</summary>
public sealed partial class DiscordInteractionTests
{
    private static readonly string[] CallbackSchemas = ["CreateMessageInteractionCallbackRequest", "ApplicationCommandAutocompleteCallbackRequest", "PongInteractionCallbackRequest"];

    [Fact]
    public async Task A_slash_command_is_answered_with_a_type_4_embed_through_the_router()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var connection = await DiscordBotHarness.ConnectAsync(fake);

        // A large dispatch arrives in many WebSocket frames (Discord's READY easily passes 100 KB).
        var big = Interactions.Command("1001", "summit", Interactions.StringOption("name", "seoul"), locale: "en-GB", member: Interactions.Member);
        big = big.Insert(big.IndexOf('{', StringComparison.Ordinal) + 1, $"\"padding\":\"{new string('p', 200_000)}\",");
        await connection.DispatchAsync("INTERACTION_CREATE", 2, big);
        var callback = await fake.NextRequestAsync(r => r.Path.StartsWith("interactions/", StringComparison.Ordinal));

        Assert.Equal("POST", callback.Method);
        Assert.Equal("interactions/1001/token-1001/callback", callback.Path);
        Assert.StartsWith("application/json", callback.ContentType, StringComparison.Ordinal);
        var body = callback.Json;
        Assert.Equal(4, body.GetProperty("type").GetInt32());
        var data = body.GetProperty("data");
        Assert.Equal(0, data.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.False(data.TryGetProperty("flags", out _));
        var embed = data.GetProperty("embeds")[0];
        Assert.Equal("AI Seoul Summit", embed.GetProperty("title").GetString());
        Assert.Equal("https://pauseai.info/summit#seoul", embed.GetProperty("url").GetString());
        Assert.Equal("AI-toppen", embed.GetProperty("footer").GetProperty("text").GetString());
        Assert.Equal(
            "The **second** summit, in ~~Paris~~ Seoul. See [the declaration](https://example.org/seoul).\n\n- one\n- two",
            embed.GetProperty("description").GetString());
        Assert.Empty(OpenApiCheck.ProblemsAgainstAny(body, CallbackSchemas));

        var request = Assert.Single(bot.Recorder.Requests);
        Assert.Equal("summit", request.Command);
        Assert.Equal("seoul", request.Arguments);
        Assert.Equal("en-GB", request.Locale);
        var member = Assert.IsType<DiscordMember>(request.Evidence);
        Assert.Equal(("53908232506183680", "645027906669510667", "2147483647"), (member.UserId, member.ChannelId, member.Permissions));
        Assert.Equal(Bot.Core.Kernel.ChatKind.Group, request.Chat.Kind);
        Assert.Equal("645027906669510667", request.Chat.ChatId);
        Assert.Equal("53908232506183680", request.User.Id);
        Assert.Null(callback.Authorization);
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Message.Contains("token-1001", StringComparison.Ordinal) || l.Message.Contains("test-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Errors_are_ephemeral_and_moderator_commands_need_manage_guild()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var connection = await DiscordBotHarness.ConnectAsync(fake);

        await connection.DispatchAsync("INTERACTION_CREATE", 2, Interactions.Command("2001", "announce", Interactions.StringOption("text", "hi"), locale: "nl"));
        var refused = (await fake.NextRequestAsync(r => r.Path.StartsWith("interactions/2001", StringComparison.Ordinal))).Json;
        Assert.Equal(64, refused.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Contains("moderators", refused.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);

        await connection.DispatchAsync("INTERACTION_CREATE", 3, Interactions.Command("2002", "announce", Interactions.StringOption("text", "hi"), member: Interactions.Member));
        var allowed = (await fake.NextRequestAsync(r => r.Path.StartsWith("interactions/2002", StringComparison.Ordinal))).Json;
        Assert.False(allowed.GetProperty("data").TryGetProperty("flags", out _));
        Assert.Equal("Announced.", allowed.GetProperty("data").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Autocomplete_answers_type_8_with_at_most_25_choices()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var connection = await DiscordBotHarness.ConnectAsync(fake);

        await connection.DispatchAsync("INTERACTION_CREATE", 2, Interactions.Autocomplete("3001", "summit", "seo"));
        var body = (await fake.NextRequestAsync(r => r.Path.StartsWith("interactions/3001", StringComparison.Ordinal))).Json;

        Assert.Equal(8, body.GetProperty("type").GetInt32());
        var choices = body.GetProperty("data").GetProperty("choices");
        Assert.Equal(25, choices.GetArrayLength());
        Assert.Equal("seo summit 1 (nl)", choices[0].GetProperty("name").GetString());
        Assert.Equal("summit-1", choices[0].GetProperty("value").GetString());
        Assert.Empty(OpenApiCheck.ProblemsAgainstAny(body, CallbackSchemas));
        Assert.Empty(bot.Recorder.Requests);
    }

    [Fact]
    public async Task Choices_become_buttons_and_a_press_runs_that_command()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var connection = await DiscordBotHarness.ConnectAsync(fake);

        await connection.DispatchAsync("INTERACTION_CREATE", 2, Interactions.Command("4001", "summit"));
        var list = (await fake.NextRequestAsync(r => r.Path.StartsWith("interactions/4001", StringComparison.Ordinal))).Json;
        var row = list.GetProperty("data").GetProperty("components")[0];
        Assert.Equal(1, row.GetProperty("type").GetInt32());
        var button = row.GetProperty("components")[0];
        Assert.Equal(2, button.GetProperty("type").GetInt32());
        Assert.Equal("Seoul 2024", button.GetProperty("label").GetString());
        var customId = button.GetProperty("custom_id").GetString()!;
        Assert.Matches("^[A-Za-z0-9_-]{22}$", customId); // only the token: what the press does stays on our side

        Assert.Empty(OpenApiCheck.ProblemsAgainstAny(list, CallbackSchemas));

        await connection.DispatchAsync("INTERACTION_CREATE", 3, Interactions.Button("4002", customId));
        var pressed = (await fake.NextRequestAsync(r => r.Path.StartsWith("interactions/4002", StringComparison.Ordinal))).Json;
        Assert.Equal(4, pressed.GetProperty("type").GetInt32());
        Assert.Equal("AI Seoul Summit", pressed.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString());
        var request = bot.Recorder.Requests.Last();
        Assert.Equal(("summit", "seoul", "nl"), (request.Command, request.Arguments, request.Locale));
        Assert.Null(request.Evidence); // a DM: no member
        Assert.Equal(Bot.Core.Kernel.ChatKind.Private, request.Chat.Kind);
    }

    [Fact]
    public async Task Mentions_and_10000_characters_of_user_input_cannot_ping_and_stay_within_limits()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var connection = await DiscordBotHarness.ConnectAsync(fake);
        // The router cuts arguments to a sane length; the echo repeats them so the answer passes 10,000 characters.
        var input = "@everyone @here <@53908232506183680> <@&123> **bold** [x](https://evil.example) " + new string('a', 300) + " " + string.Concat(Enumerable.Repeat("word ", 200));

        await connection.DispatchAsync("INTERACTION_CREATE", 2, Interactions.Command("5001", "echo", Interactions.StringOption("text", input)));
        var first = (await fake.NextRequestAsync(r => r.Path.StartsWith("interactions/5001", StringComparison.Ordinal))).Json;
        var bodies = new List<JsonElement> { first.GetProperty("data") };
        var all = first.GetProperty("data").GetProperty("content").GetString()!;
        while (Regex.Count(all, "everyone") < EchoCommand.Repeats)
        {
            var followup = await fake.NextRequestAsync(r => r.Path == "webhooks/111/token-5001");
            Assert.Null(followup.Authorization);
            bodies.Add(followup.Json);
            Assert.Empty(OpenApiCheck.Problems(followup.Json, "IncomingWebhookInteractionRequest"));
            all += followup.Json.GetProperty("content").GetString();
        }

        Assert.Empty(OpenApiCheck.ProblemsAgainstAny(first, CallbackSchemas));
        foreach (var body in bodies)
        {
            Assert.Equal(0, body.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
            Assert.InRange(body.GetProperty("content").GetString()!.Length, 1, 2000);
        }

        Assert.True(all.Length >= 10000, $"only {all.Length} characters");
        Assert.True(bodies.Count >= 6);
        Assert.Contains("\\@everyone", all, StringComparison.Ordinal);
        Assert.Contains("\\<\\@53908232506183680\\>", all, StringComparison.Ordinal);
        Assert.DoesNotMatch(UnescapedMention(), all);
        Assert.Contains("\\*\\*bold\\*\\*", all, StringComparison.Ordinal);
        Assert.Contains("\\[x\\](https://evil.example)", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_answer_whose_second_follow_up_fails_sends_only_that_part_again()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var connection = await DiscordBotHarness.ConnectAsync(fake);
        var text = string.Concat(Enumerable.Repeat("word ", 300));

        var clean = await AnswerAsync(connection, fake, bot, "7001", text);
        var posts = 0;
        fake.Respond = r => r.Path == "webhooks/111/token-7002" && Interlocked.Increment(ref posts) == 2 ? new FakeResponse(502, "<html>bad gateway</html>") : null;
        var retried = await AnswerAsync(connection, fake, bot, "7002", text, clean.Count + 1);

        // Each follow-up is its own call, retried on its own: the first went once, the second twice (the 502, then again).
        Assert.True(clean.Count >= 3, $"expected a long answer, got {clean.Count} part(s)");
        Assert.Equal([clean[0], clean[1], clean[2], .. clean.Skip(2)], retried);
    }

    /// <summary>Runs <c>/echo</c> and returns the contents of its callback and follow-ups, once <paramref name="parts"/> arrived (or no more came for a while).</summary>
    private static async Task<List<string>> AnswerAsync(FakeGatewayConnection connection, FakeDiscord fake, DiscordBotHarness bot, string id, string text, int? parts = null)
    {
        await connection.DispatchAsync("INTERACTION_CREATE", long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), Interactions.Command(id, "echo", Interactions.StringOption("text", text)));
        var contents = new List<string>();
        var unchanged = 0;
        for (var waited = 0; waited < 200; waited++)
        {
            var before = contents.Count;
            contents = fake.Requests.Where(r => r.Path.Contains($"/token-{id}", StringComparison.Ordinal)).Select(r => r.Method == "POST" && r.Path.StartsWith("interactions/", StringComparison.Ordinal)
                ? r.Json.GetProperty("data").GetProperty("content").GetString()!
                : r.Json.GetProperty("content").GetString()!).ToList();
            unchanged = contents.Count > 0 && contents.Count == before ? unchanged + 1 : 0;
            if (parts is { } expected ? contents.Count >= expected : unchanged >= 25)
            {
                return contents;
            }

            bot.Time.Advance(TimeSpan.FromMilliseconds(100)); // the back-off of a retry, on the fake clock
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        throw new TimeoutException($"{contents.Count} part(s) of the answer to {id} arrived");
    }

    [Fact]
    public async Task A_slow_command_is_deferred_then_the_original_response_is_edited()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var connection = await DiscordBotHarness.ConnectAsync(fake);

        await connection.DispatchAsync("INTERACTION_CREATE", 2, Interactions.Command("6001", "slow"));
        await bot.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1.5));
        bot.Time.Advance(TimeSpan.FromSeconds(1.5));
        var deferred = (await fake.NextRequestAsync(r => r.Path.StartsWith("interactions/6001", StringComparison.Ordinal))).Json;
        Assert.Equal(5, deferred.GetProperty("type").GetInt32());
        Assert.Empty(OpenApiCheck.ProblemsAgainstAny(deferred, CallbackSchemas));

        bot.Recorder.SlowGate.SetResult();
        var edit = await fake.NextRequestAsync(r => r.Path == "webhooks/111/token-6001/messages/@original");
        Assert.Equal("PATCH", edit.Method);
        Assert.Equal("Finally.", edit.Json.GetProperty("content").GetString());
        Assert.Equal(0, edit.Json.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.Empty(OpenApiCheck.Problems(edit.Json, "IncomingWebhookUpdateRequestPartial"));
    }

    [GeneratedRegex(@"(?<!\\)@(everyone|here)|(?<!\\)<(?!\\)@")]
    private static partial Regex UnescapedMention();
}
