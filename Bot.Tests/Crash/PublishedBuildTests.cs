using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Testing;
using Bot.Tests.Broadcast;
using Bot.Tests.Discord;
using Bot.Tests.Discord.Support;
using Bot.Tests.Operations;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;
using NSec.Cryptography;
using Xunit;

namespace Bot.Tests.Crash;

/// <summary>
/// The build the operations guide tells an operator to run: self-contained, trimmed and ReadyToRun, published once
/// per test run. Trimming removes what it cannot see being used, so the operator's end-to-end checks run again
/// against it (inherited from <see cref="OperationsEndToEndTests"/>: polling Telegram, <c>/metrics</c>, <c>/readyz</c>
/// on SQLite and PostgreSQL, no secret in the logs), and so do the terminal chat and Discord's Http mode.
/// </summary>
[Collection(RealTimeLoad.Name)]
public sealed class PublishedBuildTests : OperationsEndToEndTests
{
    protected override string? Program => PublishedHost.Program.Value;

    [Fact]
    public void The_published_build_caps_the_first_GC_generation()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Program + ".runtimeconfig.json"))!["runtimeOptions"]!["configProperties"]!;

        Assert.Equal(2 * 1024 * 1024, settings["System.GC.Gen0MaxBudget"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_terminal_chat_of_the_published_build_answers_searches_and_lists_events_and_its_database_backs_up()
    {
        var database = Path.Combine(Path.GetTempPath(), $"bot-test-{Guid.NewGuid():N}.db");
        using var bot = BotProcess.Start(new Dictionary<string, string> { ["Storage__ConnectionString"] = "Data Source=" + database }, Program);
        foreach (var question in (string[])["/summit seoul", "/zoek verdragen", "/events"])
        {
            await bot.Input.WriteLineAsync(question);
        }

        await bot.Input.FlushAsync();
        bot.Input.Close();
        Assert.True(await bot.WaitForExitAsync(TimeSpan.FromSeconds(60)), "did not end at the end of input: " + bot.Output);
        Assert.Equal(0, bot.ExitCode);
        Assert.Contains("## 2024 Zuid-Korea", bot.Output, StringComparison.Ordinal);
        Assert.Contains("verdrag", bot.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("lu.ma", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", bot.Output, StringComparison.Ordinal);

        // The operator's backup verb, on the database the chat just made.
        var copy = database + ".backup";
        using var backup = BotProcess.Start(new Dictionary<string, string> { ["Storage__ConnectionString"] = "Data Source=" + database }, Program, "backup", copy);
        Assert.True(await backup.WaitForExitAsync(TimeSpan.FromSeconds(60)), "backup did not end: " + backup.Output);
        Assert.Equal(0, backup.ExitCode);
        await using (var connection = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name IN ('bot_outbox', 'QRTZ_JOB_DETAILS')";
            Assert.Equal(2L, await command.ExecuteScalarAsync());
        }

        File.Delete(database);
        File.Delete(copy);
    }

    [Fact]
    public async Task Discord_http_mode_of_the_published_build_registers_its_commands_and_answers_a_signed_interaction()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        await using var discord = await FakeDiscord.StartAsync();
        var folder = Directory.CreateTempSubdirectory("bot-published-discord-");
        var port = LoopbackPort.Free();
        using var bot = BotProcess.Start(
            new Dictionary<string, string>
            {
                ["Storage__ConnectionString"] = "Data Source=" + Path.Combine(folder.FullName, "bot.db"),
                ["Discord__Token"] = "published-test-token",
                ["Discord__ApiBaseUrl"] = discord.ApiBase.AbsoluteUri,
                ["Discord__Mode"] = "Http",
                ["Discord__PublicKey"] = Convert.ToHexString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
                ["Discord__HttpUrls"] = $"http://127.0.0.1:{port}",
                ["Discord__CommandStateFile"] = Path.Combine(folder.FullName, "discord-commands.json"),
            },
            Program);

        var put = await discord.NextRequestAsync(r => r.Method == "PUT").WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("applications/111/commands", put.Path);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/discord/") };
        var answer = await AnswerOnceListeningAsync(() => DiscordHttpModeTests.PostAsync(http, Interactions.Command("7001", "summit", Interactions.StringOption("name", "seoul")), key, "1700000002"), bot);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("South Korea AI Safety Summit", body.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        using var stranger = Key.Create(SignatureAlgorithm.Ed25519);
        Assert.Equal(HttpStatusCode.Unauthorized, (await DiscordHttpModeTests.PostAsync(http, Interactions.Command("7002", "help"), stranger, "1700000003")).StatusCode);
        Assert.False(bot.HasExited, bot.Output);
        bot.Kill();
        await bot.WaitForExitAsync(TimeSpan.FromSeconds(10));
        folder.Delete(recursive: true);
    }

    /// <summary>The commands are registered before the interaction endpoint listens: retried while it refuses.</summary>
    private static async Task<HttpResponseMessage> AnswerOnceListeningAsync(Func<Task<HttpResponseMessage>> post, BotProcess bot)
    {
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(200))
        {
            try
            {
                return await post();
            }
            catch (HttpRequestException) when (waited < TimeSpan.FromSeconds(30) && !bot.HasExited)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
            }
        }
    }

    /// <summary>Published once, into a folder removed when the test process ends.</summary>
    private static class PublishedHost
    {
        public static readonly Lazy<string> Program = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

        private static string Publish()
        {
            var folder = Directory.CreateTempSubdirectory("bot-published-").FullName;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
            return HostPublisher.Publish(folder);
        }
    }
}
