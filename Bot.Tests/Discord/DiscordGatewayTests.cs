using System.Text.Json;
using Bot.Tests.Discord.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Bot.Tests.Discord;

/// <summary>The gateway over a real WebSocket: handshake, heartbeats, resume, reconnects and fatal closes.</summary>
public sealed class DiscordGatewayTests
{
    private static readonly TimeSpan FirstBeat = TimeSpan.FromMilliseconds(22500);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(45000);

    [Fact]
    public async Task Identifies_with_no_privileged_intents_and_heartbeats_with_the_last_sequence()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);

        var gatewayBot = await fake.NextRequestAsync(r => r.Path == "gateway/bot");
        Assert.Equal("Bot test-token", gatewayBot.Authorization);
        Assert.Matches(@"^DiscordBot \(https?://[^,]+, [0-9.]+\)", gatewayBot.UserAgent);

        var connection = await fake.NextConnectionAsync();
        Assert.Equal("/gateway", connection.Path);
        Assert.Equal("?v=10&encoding=json", connection.Query);
        await connection.HelloAsync();
        var identify = await connection.ExpectAsync(2);
        var d = identify.GetProperty("d");
        Assert.Equal("test-token", d.GetProperty("token").GetString());
        Assert.Equal(0, d.GetProperty("intents").GetInt32());
        Assert.False(string.IsNullOrEmpty(d.GetProperty("properties").GetProperty("os").GetString()));

        await connection.ReadyAsync(fake, sequence: 3);
        await fake.NextRequestAsync(r => r.Method == "PUT");
        await bot.Time.WaitForTimerAsync(FirstBeat);
        bot.Time.Advance(FirstBeat);
        var beat = await connection.ReceiveAsync();
        Assert.Equal(1, beat.GetProperty("op").GetInt32());
        Assert.Equal(3, beat.GetProperty("d").GetInt64());
        await connection.SendAsync("""{"op":11}""");

        // Discord may ask for a heartbeat at once (op 1): the client answers without waiting for the timer.
        await connection.DispatchAsync("GUILD_CREATE", 4, "{}");
        await connection.SendAsync("""{"op":1,"d":null}""");
        var asked = await connection.ReceiveAsync();
        Assert.Equal(1, asked.GetProperty("op").GetInt32());
        Assert.Equal(4, asked.GetProperty("d").GetInt64());
        Assert.Empty(fake.OffPath);
    }

    [Fact]
    public async Task Close_4000_after_ready_resumes_on_the_resume_url_with_session_and_sequence()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var first = await DiscordBotHarness.ConnectAsync(fake);
        await first.DispatchAsync("GUILD_CREATE", 7, "{}");
        await first.CloseAsync(4000);

        var second = await fake.NextConnectionAsync();
        Assert.Equal("/resume", second.Path);
        Assert.Equal("?v=10&encoding=json", second.Query);
        await second.HelloAsync();
        var resume = await second.ExpectAsync(6);
        Assert.Equal("test-token", resume.GetProperty("d").GetProperty("token").GetString());
        Assert.Equal("session-1", resume.GetProperty("d").GetProperty("session_id").GetString());
        Assert.Equal(7, resume.GetProperty("d").GetProperty("seq").GetInt64());
        await second.DispatchAsync("RESUMED", 8, "{}");
        Assert.Single(fake.Requests, r => r.Path == "gateway/bot");
    }

    [Fact]
    public async Task Op_7_reconnect_closes_without_ending_the_session_and_resumes()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var first = await DiscordBotHarness.ConnectAsync(fake);
        await first.SendAsync("""{"op":7,"d":null}""");

        var code = await first.WaitClientClosedAsync();
        Assert.NotEqual(1000, code);
        Assert.NotEqual(1001, code);
        var second = await fake.NextConnectionAsync();
        Assert.Equal("/resume", second.Path);
        await second.HelloAsync();
        var resume = await second.ExpectAsync(6);
        Assert.Equal(1, resume.GetProperty("d").GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task Op_9_not_resumable_identifies_again_after_a_short_random_wait()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var first = await DiscordBotHarness.ConnectAsync(fake);
        await first.SendAsync("""{"op":9,"d":false}""");

        // Jitter 0.5 in the harness: 1 s + 0.5 × 4 s.
        var wait = TimeSpan.FromSeconds(3);
        await bot.Time.WaitForTimerAsync(wait);
        Assert.False(fake.HasPendingConnection);
        bot.Time.Advance(wait);
        var second = await fake.NextConnectionAsync();
        Assert.Equal("/gateway", second.Path);
        await second.HelloAsync();
        var identify = await second.ExpectAsync(2);
        Assert.Equal("test-token", identify.GetProperty("d").GetProperty("token").GetString());
    }

    [Fact]
    public async Task A_heartbeat_without_ack_is_a_dead_connection_closed_and_resumed()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var first = await fake.NextConnectionAsync();
        await first.HelloAsync();
        await first.ExpectAsync(2);
        await bot.Time.WaitForTimerAsync(FirstBeat);
        await first.ReadyAsync(fake, sequence: 5);
        await fake.NextRequestAsync(r => r.Method == "PUT");
        bot.Time.Advance(FirstBeat);
        Assert.Equal(1, (await first.ReceiveAsync()).GetProperty("op").GetInt32());

        // No ACK: at the next beat the client gives up on this connection.
        bot.Time.Advance(Interval);
        var code = await first.WaitClientClosedAsync();
        Assert.NotEqual(1000, code);
        var second = await fake.NextConnectionAsync();
        Assert.Equal("/resume", second.Path);
        await second.HelloAsync();
        var resume = await second.ExpectAsync(6);
        Assert.Equal(5, resume.GetProperty("d").GetProperty("seq").GetInt64());
        Assert.Contains(bot.Logs.Lines, l => l.EventId == 4106);
    }

    [Fact]
    public async Task Close_4004_stops_the_adapter_with_one_clear_line_and_no_reconnect()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var first = await fake.NextConnectionAsync();
        await first.HelloAsync();
        await first.ExpectAsync(2);
        await first.CloseAsync(4004);

        await bot.Service.ExecuteTask!.WaitAsync(FakeDiscord.Timeout);
        Assert.Equal(4004, bot.Service.FatalCloseCode);
        var fatal = Assert.Single(bot.Logs.Lines, l => l.Level == LogLevel.Critical);
        Assert.Contains("4004", fatal.Message, StringComparison.Ordinal);
        Assert.Contains("Discord:Token", fatal.Message, StringComparison.Ordinal);
        Assert.False(fake.HasPendingConnection);
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Message.Contains("test-token", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(4007)]
    [InlineData(4009)]
    public async Task Session_ending_closes_identify_a_new_session(int code)
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var first = await DiscordBotHarness.ConnectAsync(fake);
        await first.CloseAsync(code);

        var second = await fake.NextConnectionAsync();
        Assert.Equal("/gateway", second.Path);
        await second.HelloAsync();
        await second.ExpectAsync(2);
    }

    [Fact]
    public async Task A_gateway_that_never_says_hello_is_abandoned_after_30_seconds()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var silent = await fake.NextConnectionAsync();
        await bot.Time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        bot.Time.Advance(TimeSpan.FromSeconds(30));

        await silent.WaitClientClosedAsync();
        await bot.Time.WaitForTimerAsync(TimeSpan.FromSeconds(0.75));
        bot.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await fake.NextConnectionAsync();
        await second.HelloAsync();
        await second.ExpectAsync(2);
    }

    [Fact]
    public async Task Waits_for_the_session_start_limit_to_reset_before_identifying()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.Respond = r => r.Path == "gateway/bot"
            ? new FakeResponse(200, $$$"""{"url":"{{{fake.GatewayUrl.AbsoluteUri.TrimEnd('/')}}}","shards":1,"session_start_limit":{"total":1000,"remaining":0,"reset_after":5000,"max_concurrency":1}}""")
            : null;
        await using var bot = await DiscordBotHarness.StartAsync(fake);

        await bot.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        Assert.False(fake.HasPendingConnection);
        bot.Time.Advance(TimeSpan.FromSeconds(5));
        var connection = await fake.NextConnectionAsync();
        await connection.HelloAsync();
        await connection.ExpectAsync(2);
        Assert.Contains(bot.Logs.Lines, l => l.EventId == 4109);
    }

    [Fact]
    public async Task A_401_from_gateway_bot_stops_the_adapter_like_4004()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.Respond = _ => new FakeResponse(401, """{"message":"401: Unauthorized","code":0}""");
        await using var bot = await DiscordBotHarness.StartAsync(fake);

        await bot.Service.ExecuteTask!.WaitAsync(FakeDiscord.Timeout);
        Assert.Equal(4004, bot.Service.FatalCloseCode);
        Assert.Contains("Discord:Token", Assert.Single(bot.Logs.Lines, l => l.Level == LogLevel.Critical).Message, StringComparison.Ordinal);
        Assert.False(fake.HasPendingConnection);
    }

    [Fact]
    public async Task Sends_stay_within_115_a_minute_even_when_discord_asks_for_more()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake);
        var connection = await DiscordBotHarness.ConnectAsync(fake);
        for (var i = 0; i < 120; i++)
        {
            await connection.SendAsync("""{"op":1,"d":null}""");
        }

        // Identify was the first of the 115; 114 heartbeats follow at once, the rest only a minute later.
        for (var i = 0; i < 114; i++)
        {
            Assert.Equal(1, (await connection.ReceiveAsync()).GetProperty("op").GetInt32());
        }

        await bot.Time.WaitForTimerAsync(TimeSpan.FromMinutes(1));
        bot.Time.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(1, (await connection.ReceiveAsync()).GetProperty("op").GetInt32());
        }
    }

    [Fact]
    public async Task Stopping_the_host_closes_the_session_with_1000()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var bot = await DiscordBotHarness.StartAsync(fake);
        var connection = await DiscordBotHarness.ConnectAsync(fake);
        await fake.NextRequestAsync(r => r.Method == "PUT");

        await bot.DisposeAsync();

        Assert.Equal(1000, await connection.WaitClientClosedAsync());
        Assert.False(fake.HasPendingConnection);
    }

    [Fact]
    public void Reconnect_backoff_grows_with_jitter_up_to_the_cap()
    {
        var timings = new Bot.Discord.Gateway.GatewayTimings { Jitter = () => 0.999 };
        Assert.Equal(TimeSpan.Zero, timings.Backoff(0));
        Assert.InRange(timings.Backoff(1), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(timings.Backoff(4), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8));
        Assert.InRange(timings.Backoff(50), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        var low = new Bot.Discord.Gateway.GatewayTimings { Jitter = () => 0 };
        Assert.Equal(TimeSpan.FromSeconds(30), low.Backoff(50));
    }

    [Fact]
    public void Close_codes_are_classified_as_the_docs_say()
    {
        foreach (var fatal in new[] { 4004, 4010, 4011, 4012, 4013, 4014 })
        {
            Assert.Equal(Bot.Discord.Gateway.GatewayNext.Stop, Bot.Discord.Gateway.GatewayCloseCodes.Classify(fatal));
        }

        foreach (var resumable in new int?[] { null, 1006, 4000, 4001, 4002, 4005, 4008 })
        {
            Assert.Equal(Bot.Discord.Gateway.GatewayNext.Resume, Bot.Discord.Gateway.GatewayCloseCodes.Classify(resumable));
        }

        _ = JsonDocument.Parse("{}");
    }
}
