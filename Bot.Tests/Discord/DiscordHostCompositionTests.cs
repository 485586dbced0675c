using Bot.Core.Delivery;
using Bot.Host;
using Bot.Tests.Discord.Support;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bot.Tests.Discord;

/// <summary>Bot.Host composes the Discord adapter when a token is set, and it connects to the configured API.</summary>
public sealed class DiscordHostCompositionTests
{
    [Fact]
    public async Task The_host_with_a_token_connects_identifies_and_registers_the_commands()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var stateFile = TestPaths.NewDiscordStateFile();
        var line = HostCommandLine.Parse(["--Discord:Token=host-token", $"--Discord:ApiBaseUrl={fake.ApiBase.AbsoluteUri}/", $"--Discord:CommandStateFile={stateFile}", $"--Content:Path={TestPaths.Content}", TestPaths.OwnDatabaseArgument()]);
        using var host = BotProgram.Build(line, TextReader.Null, TextWriter.Null);
        Assert.Contains(host.Services.GetServices<IMessenger>(), m => m.Platform == Bot.Discord.DiscordPlatform.Id);

        await host.StartAsync();
        try
        {
            var connection = await fake.NextConnectionAsync();
            await connection.HelloAsync();
            var identify = await connection.ExpectAsync(2);
            Assert.Equal("host-token", identify.GetProperty("d").GetProperty("token").GetString());
            await connection.ReadyAsync(fake);
            var put = await fake.NextRequestAsync(r => r.Method == "PUT");
            Assert.Equal("applications/111/commands", put.Path);
            Assert.Contains(put.Json.EnumerateArray(), c => c.GetProperty("name").GetString() == "verdrag");
            Assert.Empty(fake.OffPath);
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(timeout.Token);
            File.Delete(stateFile);
        }
    }
}
