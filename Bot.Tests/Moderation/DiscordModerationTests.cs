using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Replies;
using Bot.Discord.Api;
using Bot.Discord.Rendering;
using Bot.Tests.Discord.Support;
using Xunit;

namespace Bot.Tests.Moderation;

/// <summary>Who moderates on Discord, private answers and mass mentions, over the fake gateway and REST.</summary>
public sealed class DiscordModerationTests
{
    private const string Guild = "290926798626357999";

    /// <summary>A slash command; <paramref name="guild"/> false makes it a DM (no guild id) that still carries <paramref name="member"/>.</summary>
    private static string Command(string id, string name, string member, bool guild = true) => $$$"""
        {"id":"{{{id}}}","application_id":"111","type":2,"token":"token-{{{id}}}","version":1,
         {{{(guild ? $"\"guild_id\":\"{Guild}\"," : string.Empty)}}}"channel_id":"645027906669510667","locale":"en-US",
         "member":{{{member}}},"user":{"id":"42","username":"member"},
         "data":{"id":"771825006014889984","name":"{{{name}}}","type":1,"options":[{"type":3,"name":"text","value":"hi"}]}}
        """;

    private static string Member(string permissions, string roles = "") =>
        $$$"""{"user":{"id":"42","username":"member"},"roles":[{{{roles}}}],"permissions":"{{{permissions}}}","nick":null}""";

    [Theory]
    [InlineData("1024", "", true, false)] // plain member
    [InlineData("32", "", true, true)] // Manage Server
    [InlineData("8", "", true, true)] // Administrator
    [InlineData("2147483647", "", false, false)] // forged: a DM claiming a member with every permission
    [InlineData("1024", "\"555\"", true, true)] // a role named in Moderation:DiscordRoleIds
    [InlineData("1024", "\"556\"", true, false)] // another role
    public async Task Only_server_verified_moderators_may_run_moderator_commands(string permissions, string roles, bool guild, bool allowed)
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake, new Dictionary<string, string?> { ["Moderation:DiscordRoleIds:0"] = "555" });
        var connection = await DiscordBotHarness.ConnectAsync(fake);

        await connection.DispatchAsync("INTERACTION_CREATE", 2, Command("4001", "announce", Member(permissions, roles), guild));
        var data = (await fake.NextRequestAsync(r => r.Path.StartsWith("interactions/4001", StringComparison.Ordinal))).Json.GetProperty("data");

        var content = data.GetProperty("content").GetString();
        Assert.Equal(allowed ? "Announced." : "This command is for moderators only.", content);
        Assert.Equal(allowed, !data.TryGetProperty("flags", out _));
    }

    [Fact]
    public async Task A_private_reply_is_ephemeral()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var connection = await DiscordBotHarness.ConnectAsync(fake);

        await connection.DispatchAsync("INTERACTION_CREATE", 2, Command("4101", "preview", Member("32")));
        var data = (await fake.NextRequestAsync(r => r.Path.StartsWith("interactions/4101", StringComparison.Ordinal))).Json.GetProperty("data");

        Assert.Equal("Only for you.", data.GetProperty("content").GetString());
        Assert.Equal(64, data.GetProperty("flags").GetInt32());
    }

    [Fact]
    public void An_announcement_renders_as_Discord_markdown_and_only_the_explicit_option_may_ping()
    {
        const string Markdown = "**Protest** morgen, _kom_ ~~niet~~ wel!\n\n- <b>Den Haag</b> @everyone <@123>\n- [info](https://pauseai.info/events)";
        var plain = new Reply { Body = AnnouncementMarkdown.Parse(Markdown, MassMention.None) };
        var asked = new Reply { Body = AnnouncementMarkdown.Parse(Markdown, MassMention.Everyone), MassMention = true };
        var preview = new Reply { Body = AnnouncementMarkdown.Parse(Markdown, MassMention.Everyone), Private = true };

        var plainMessage = Assert.Single(DiscordReplyMapper.Map(plain, UiLanguage.Nl));
        var askedMessage = Assert.Single(DiscordReplyMapper.Map(asked, UiLanguage.Nl));
        var previewMessage = Assert.Single(DiscordReplyMapper.Map(preview, UiLanguage.Nl, ephemeral: true));

        Assert.Equal(
            "**Protest** morgen, *kom* ~~niet~~ wel!\n\n- \\<b\\>Den Haag\\</b\\> \\@everyone \\<\\@123\\>\n- [info](https://pauseai.info/events)",
            plainMessage.Content);
        Assert.Same(AllowedMentions.None, plainMessage.AllowedMentions);
        Assert.StartsWith("@everyone\n\n**Protest**", askedMessage.Content, StringComparison.Ordinal);
        Assert.Contains("\\@everyone \\<\\@123\\>", askedMessage.Content, StringComparison.Ordinal);
        Assert.Equal(["everyone"], askedMessage.AllowedMentions.Parse);
        Assert.Same(AllowedMentions.None, previewMessage.AllowedMentions);
        Assert.Equal(MessagePayload.EphemeralFlag, previewMessage.Flags! & MessagePayload.EphemeralFlag);
    }
}
