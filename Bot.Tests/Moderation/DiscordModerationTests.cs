using System.Text.Json;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Bot.Discord.Api;
using Bot.Discord.Rendering;
using Bot.Tests.Discord.Support;
using Bot.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bot.Tests.Moderation;

/// <summary>Who moderates on Discord, private answers and mass mentions, over the fake gateway and REST.</summary>
public sealed class DiscordModerationTests
{
    private const string Guild = "290926798626357999";

    /// <summary>A slash command; <paramref name="guild"/> false makes it a DM (no guild id) that still carries <paramref name="member"/>.</summary>
    private static string Command(string id, string name, string member, bool guild = true, string options = """[{"type":3,"name":"text","value":"hi"}]""") => $$$"""
        {"id":"{{{id}}}","application_id":"111","type":2,"token":"token-{{{id}}}","version":1,
         {{{(guild ? $"\"guild_id\":\"{Guild}\"," : string.Empty)}}}"channel_id":"645027906669510667","locale":"en-US",
         "member":{{{member}}},"user":{"id":"42","username":"member"},
         "data":{"id":"771825006014889984","name":"{{{name}}}","type":1,"options":{{{options}}}}}
        """;

    /// <summary>A press of the button <paramref name="customId"/> on an ephemeral message in the server channel.</summary>
    private static string Press(string id, string customId, string member) => $$$"""
        {"id":"{{{id}}}","application_id":"111","type":3,"token":"token-{{{id}}}","version":1,
         "guild_id":"{{{Guild}}}","channel_id":"645027906669510667","locale":"en-US","member":{{{member}}},
         "message":{"id":"1200000000000000001","channel_id":"645027906669510667","flags":64},
         "data":{"custom_id":"{{{customId}}}","component_type":2}}
        """;

    private static string Member(string permissions, string roles = "", string user = "42") =>
        $$$"""{"user":{"id":"{{{user}}}","username":"member"},"roles":[{{{roles}}}],"permissions":"{{{permissions}}}","nick":null}""";

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
    public async Task A_member_who_presses_a_moderators_confirm_button_is_refused_and_nothing_is_sent()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake, realCore: true);
        var connection = await DiscordBotHarness.ConnectAsync(fake);
        async Task<JsonElement> AnswerAsync(long sequence, string id, string interaction)
        {
            await connection.DispatchAsync("INTERACTION_CREATE", sequence, interaction);
            return (await fake.NextRequestAsync(r => r.Path.StartsWith("interactions/" + id, StringComparison.Ordinal))).Json.GetProperty("data");
        }

        await AnswerAsync(2, "4201", Command("4201", "abonneer", Member("32"), options: "[]"));
        var preview = await AnswerAsync(3, "4202", Command("4202", "aankondiging", Member("32")));
        var buttons = preview.GetProperty("components")[0].GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(64, preview.GetProperty("flags").GetInt32() & 64);
        Assert.Equal(["Confirm", "Cancel"], buttons.Select(b => b.GetProperty("label").GetString()));
        var confirm = buttons[0].GetProperty("custom_id").GetString()!;
        Assert.Matches("^[A-Za-z0-9_-]{22}$", confirm);

        var member = await AnswerAsync(4, "4203", Press("4203", confirm, Member("1024", user: "43")));
        var otherModerator = await AnswerAsync(5, "4204", Press("4204", confirm, Member("32", user: "44")));

        Assert.All([member, otherModerator], refused =>
        {
            Assert.Equal("This button is not for you: only the person it was shown to can use it.", refused.GetProperty("content").GetString());
            Assert.Equal(64, refused.GetProperty("flags").GetInt32() & 64);
        });
        Assert.Equal(0, await CountAsync(bot, "SELECT COUNT(*) FROM bot_outbox"));
        Assert.Equal(1, await CountAsync(bot, "SELECT COUNT(*) FROM bot_announcements WHERE status = 'pending'"));

        // The author, a moderator of this channel according to the interaction Discord sent with the press.
        var demoted = await AnswerAsync(6, "4205", Press("4205", confirm, Member("1024")));
        var confirmed = await AnswerAsync(7, "4206", Press("4206", confirm, Member("32")));

        Assert.Equal("This command is for moderators only.", demoted.GetProperty("content").GetString());
        Assert.StartsWith("Announcement \\#1 is going out to 1 channel", confirmed.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(64, confirmed.GetProperty("flags").GetInt32() & 64);
        Assert.Equal(1, await CountAsync(bot, "SELECT COUNT(*) FROM bot_outbox"));
    }

    private static Task<long> CountAsync(DiscordBotHarness bot, string sql) => bot.Host.Services.GetRequiredService<BotDatabase>().CountAsync(sql);

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
