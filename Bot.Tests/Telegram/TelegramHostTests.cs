using Bot.Host;
using Bot.Testing.BotApi;
using Bot.Tests.Support;
using Xunit;

namespace Bot.Tests.Telegram;

/// <summary>Bot.Host composes the Telegram adapter when a token is set.</summary>
public sealed class TelegramHostTests
{
    [Fact]
    public async Task The_host_answers_telegram_commands_when_a_token_is_set()
    {
        await using var api = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        var line = HostCommandLine.Parse(["--Telegram:Token=" + TelegramTestHost.Token, "--Telegram:ApiBaseUrl=" + api.BaseUrl.AbsoluteUri, "--Content:Path=" + TestPaths.Content, "--Logging:LogLevel:Default=Warning", TestPaths.OwnDatabaseArgument()]);
        using var host = BotProgram.Build(line, TextReader.Null, TextWriter.Null);
        await host.StartAsync();
        try
        {
            api.PushUpdate(TelegramUpdates.Message("/summit@PauseBot seoul", TelegramUpdates.GroupChat, 2002, "nl"));

            var sent = (await api.WaitForAsync("sendMessage"))[0];

            TelegramTestHost.AssertWellFormed(sent);
            Assert.Contains("pauseai.info/summit#", sent.Text, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void Webhook_mode_serves_the_webhook_endpoint_on_a_web_host()
    {
        var line = HostCommandLine.Parse(["--Telegram:Token=" + TelegramTestHost.Token, "--Telegram:Mode=Webhook", "--Telegram:WebhookUrl=https://bot.example.org/telegram/hook", "--Telegram:WebhookSecret=s3cret-s3cret", "--Content:Path=" + TestPaths.Content, TestPaths.OwnDatabaseArgument()]);

        using var host = BotProgram.Build(line, TextReader.Null, TextWriter.Null);

        var endpoints = ((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)host).DataSources.SelectMany(d => d.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>();
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/telegram/hook");
    }

    [Fact]
    public async Task A_wrong_token_makes_the_program_exit_with_one_line_and_no_token()
    {
        await using var api = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        const string Wrong = "987654321:AAwrong-token_never_print_this_000000";
        using var error = new StringWriter();

        var exit = await BotProgram.RunAsync(["--Telegram:Token=" + Wrong, "--Telegram:ApiBaseUrl=" + api.BaseUrl.AbsoluteUri, "--Content:Path=" + TestPaths.Content, "--Logging:LogLevel:Default=None", TestPaths.OwnDatabaseArgument()], TextReader.Null, TextWriter.Null, error);

        Assert.Equal(BotProgram.Failed, exit);
        var text = error.ToString().TrimEnd();
        Assert.Single(text.Split('\n'));
        Assert.Contains("Telegram__Token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("never_print", text, StringComparison.Ordinal);
    }
}
