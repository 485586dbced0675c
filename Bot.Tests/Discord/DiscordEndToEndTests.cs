using Bot.Tests.Discord.Support;
using Xunit;

namespace Bot.Tests.Discord;

/// <summary>The real core (AddBotCore over content/) behind AddDiscord, over the fake gateway and REST.</summary>
public sealed class DiscordEndToEndTests
{
    private static readonly string[] CallbackSchemas = ["CreateMessageInteractionCallbackRequest", "ApplicationCommandAutocompleteCallbackRequest"];

    [Fact]
    public async Task Registers_the_core_commands_and_answers_them_with_autocomplete_from_the_content()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake, realCore: true);
        var connection = await DiscordBotHarness.ConnectAsync(fake);

        var put = await fake.NextRequestAsync(r => r.Method == "PUT");
        var names = put.Json.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("summit", names);
        Assert.Contains("verdrag", names);
        Assert.Contains("zoek", names);
        Assert.Contains("agenda", names);
        Assert.Contains("help", names);
        var summit = put.Json.EnumerateArray().First(c => c.GetProperty("name").GetString() == "summit");
        Assert.True(summit.GetProperty("options")[0].GetProperty("autocomplete").GetBoolean());

        var questions = new (string Name, string Options, string Locale)[]
        {
            ("summit", Interactions.StringOption("name", "seoul"), "nl"),
            ("verdrag", Interactions.StringOption("name", "montreal"), "en-US"),
            ("zoek", Interactions.StringOption("text", "instrumentele convergentie"), "nl"),
            ("agenda", "[]", "nl"),
            ("help", "[]", "en-GB"),
            ("summit", "[]", "nl"),
        };
        var sequence = 2;
        foreach (var (name, options, locale) in questions)
        {
            var id = (8000 + sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await connection.DispatchAsync("INTERACTION_CREATE", sequence++, Interactions.Command(id, name, options, locale));
            var body = (await fake.NextRequestAsync(r => r.Path.StartsWith("interactions/" + id + "/", StringComparison.Ordinal))).Json;
            Assert.Equal(4, body.GetProperty("type").GetInt32());
            Assert.Empty(OpenApiCheck.ProblemsAgainstAny(body, CallbackSchemas));
            var data = body.GetProperty("data");
            Assert.Equal(0, data.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
            var text = (data.TryGetProperty("content", out var c) ? c.GetString() : string.Empty) + string.Concat(
                data.TryGetProperty("embeds", out var embeds) ? embeds.EnumerateArray().Select(e => e.GetProperty("title").GetString() + e.GetProperty("description").GetString()) : []);
            Assert.False(string.IsNullOrWhiteSpace(text), $"/{name} answered nothing");
            Assert.DoesNotContain("<div", text, StringComparison.Ordinal);
        }

        await connection.DispatchAsync("INTERACTION_CREATE", sequence, Interactions.Autocomplete("8999", "summit", "seo"));
        var complete = (await fake.NextRequestAsync(r => r.Path.StartsWith("interactions/8999/", StringComparison.Ordinal))).Json;
        Assert.Empty(OpenApiCheck.ProblemsAgainstAny(complete, CallbackSchemas));
        var choices = complete.GetProperty("data").GetProperty("choices").EnumerateArray().ToList();
        Assert.InRange(choices.Count, 1, 25);
        Assert.Contains(choices, ch => ch.GetProperty("value").GetString() == "seoul");
        Assert.All(choices, ch => Assert.DoesNotContain("summit-20", ch.GetProperty("value").GetString(), StringComparison.Ordinal));

        // The chosen value comes back as the argument and finds exactly that summit.
        await connection.DispatchAsync("INTERACTION_CREATE", sequence + 1, Interactions.Command("9000", "summit", Interactions.StringOption("name", "seoul")));
        var chosen = (await fake.NextRequestAsync(r => r.Path.StartsWith("interactions/9000/", StringComparison.Ordinal))).Json;
        var embed = chosen.GetProperty("data").GetProperty("embeds")[0];
        Assert.Contains("Korea", embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("https://", embed.GetProperty("url").GetString(), StringComparison.Ordinal);
    }
}
