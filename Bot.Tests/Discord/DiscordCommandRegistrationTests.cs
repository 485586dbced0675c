using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Tests.Discord.Support;
using Bot.Tests.Support;
using Xunit;

namespace Bot.Tests.Discord;

/// <summary>Slash commands from the core's descriptors: valid for Discord, localised, sent only when changed.</summary>
public sealed partial class DiscordCommandRegistrationTests
{
    [Fact]
    public async Task Registers_valid_localised_commands_with_one_bulk_overwrite_and_logs_the_invite()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        await DiscordBotHarness.ConnectAsync(fake);

        var put = await fake.NextRequestAsync(r => r.Method == "PUT");
        Assert.Equal("applications/111/commands", put.Path);
        Assert.Equal("Bot test-token", put.Authorization);
        var commands = put.Json;
        Assert.Equal(["summit", "echo", "slow", "announce", "preview"], commands.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        foreach (var command in commands.EnumerateArray())
        {
            Assert.Matches(Name(), command.GetProperty("name").GetString());
            Assert.Equal(command.GetProperty("name").GetString()!.ToLowerInvariant(), command.GetProperty("name").GetString());
            Assert.Equal(1, command.GetProperty("type").GetInt32());
            Assert.InRange(command.GetProperty("description").GetString()!.Length, 1, 100);
            var localized = command.GetProperty("description_localizations");
            Assert.Equal(["nl", "en-US", "en-GB"], localized.EnumerateObject().Select(p => p.Name));
            Assert.All(localized.EnumerateObject(), p => Assert.InRange(p.Value.GetString()!.Length, 1, 100));
            foreach (var option in command.TryGetProperty("options", out var options) ? options.EnumerateArray() : Enumerable.Empty<JsonElement>())
            {
                Assert.Matches(Name(), option.GetProperty("name").GetString());
                Assert.Equal(3, option.GetProperty("type").GetInt32());
                Assert.InRange(option.GetProperty("description").GetString()!.Length, 1, 100);
            }
        }

        var summit = commands[0];
        Assert.Equal("About an AI summit: /summit seoul, or all summits", summit.GetProperty("description").GetString());
        Assert.Equal("Over een AI-top: /summit seoul, of alle toppen", summit.GetProperty("description_localizations").GetProperty("nl").GetString());
        var option0 = summit.GetProperty("options")[0];
        Assert.Equal("name", option0.GetProperty("name").GetString());
        Assert.Equal("naam", option0.GetProperty("name_localizations").GetProperty("nl").GetString());
        Assert.False(option0.GetProperty("required").GetBoolean());
        Assert.True(option0.GetProperty("autocomplete").GetBoolean());
        Assert.True(commands[1].GetProperty("options")[0].GetProperty("required").GetBoolean());
        Assert.False(commands[1].GetProperty("options")[0].GetProperty("autocomplete").GetBoolean());
        Assert.False(commands[2].TryGetProperty("options", out _));
        Assert.Equal("32", commands[3].GetProperty("default_member_permissions").GetString());

        // The spec types default_member_permissions as an integer while the docs (and the API) take a string.
        foreach (var command in commands.EnumerateArray())
        {
            var problems = OpenApiCheck.Problems(command, "ApplicationCommandUpdateRequest")
                .Where(p => !p.StartsWith("ApplicationCommandUpdateRequest.default_member_permissions: String", StringComparison.Ordinal));
            Assert.Empty(problems);
        }

        var invite = Assert.Single(bot.Logs.Lines, l => l.EventId == 4100).Message;
        Assert.Contains("https://discord.com/oauth2/authorize?client_id=111&scope=bot%20applications.commands&permissions=283467860992", invite, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_not_register_again_when_nothing_changed_but_does_for_another_guild()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var stateFile = TestPaths.NewDiscordStateFile();
        await using (var first = await DiscordBotHarness.StartAsync(fake, stateFile: stateFile))
        {
            await DiscordBotHarness.ConnectAsync(fake);
            await first.Logs.WaitForAsync(4120);
        }

        await using (var second = await DiscordBotHarness.StartAsync(fake, stateFile: stateFile))
        {
            await DiscordBotHarness.ConnectAsync(fake);
            await second.Logs.WaitForAsync(4121);
            Assert.Single(fake.Requests, r => r.Method == "PUT");
        }

        await using var third = await DiscordBotHarness.StartAsync(fake, new Dictionary<string, string?> { ["Discord:GuildId"] = "290926798626357999" }, stateFile);
        await DiscordBotHarness.ConnectAsync(fake);
        var guild = await fake.NextRequestAsync(r => r.Method == "PUT" && r.Path.Contains("/guilds/", StringComparison.Ordinal));
        Assert.Equal("applications/111/guilds/290926798626357999/commands", guild.Path);
        await third.Logs.WaitForAsync(4120);
        File.Delete(stateFile);
    }

    [Fact]
    public async Task A_configured_application_id_registers_before_the_gateway_is_ready()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake, new Dictionary<string, string?> { ["Discord:ApplicationId"] = "222" });
        var put = await fake.NextRequestAsync(r => r.Method == "PUT");
        Assert.Equal("applications/222/commands", put.Path);
    }

    [GeneratedRegex(@"^[-_\p{L}\p{N}]{1,32}$")]
    private static partial Regex Name();
}
