using Bot.Core;
using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Telegram;
using Bot.Testing.BotApi;
using Bot.Tests.Support;
using Markdig;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Bot.Tests.Telegram;

/// <summary>
/// The Telegram adapter in a real Generic Host (or a WebApplication for webhook mode), with the
/// real Telegram.Bot client pointed at a <see cref="FakeBotApi"/>, fake time and fake commands.
/// </summary>
internal sealed class TelegramTestHost : IAsyncDisposable
{
    public const string Token = "123456789:AAHfake-token_for_tests_0123456789abc";
    public const string CardUrl = "https://pauseai.info/summit#seoul";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseEmphasisExtras().UsePipeTables().Build();

    private readonly Storage.TempSqlite _database;

    private TelegramTestHost(FakeBotApi api, IHost host, SignalingTimeProvider time, CapturingLoggerProvider logs, IReadOnlyDictionary<string, FakeCommand> commands, Storage.TempSqlite database)
    {
        _database = database;
        Api = api;
        Host = host;
        Time = time;
        Logs = logs;
        Commands = commands;
    }

    public FakeBotApi Api { get; }

    public IHost Host { get; }

    public SignalingTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; }

    public IReadOnlyDictionary<string, FakeCommand> Commands { get; }

    /// <summary>The web address of the host in webhook mode.</summary>
    public Uri? WebAddress { get; private set; }

    /// <summary>
    /// Starts the adapter over fake commands (or the real core), with its own SQLite file for buttons (and the
    /// core's storage) unless <paramref name="settings"/> name one in <c>Storage:ConnectionString</c>.
    /// </summary>
    public static async Task<TelegramTestHost> StartAsync(Dictionary<string, string?>? settings = null, string? token = null, bool webhook = false, FakeBotApi? api = null, bool realCore = false, Action<IServiceCollection>? services = null)
    {
        var ownsApi = api is null;
        api ??= await FakeBotApi.StartAsync(Token);
        var time = new SignalingTimeProvider();
        var logs = new CapturingLoggerProvider();
        var database = new Storage.TempSqlite();
        var commands = realCore ? [] : DefaultCommands().ToDictionary(c => c.Descriptor.Name);
        var configuration = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = token ?? Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl.AbsoluteUri,
            ["Telegram:PollTimeout"] = "00:00:01",
            ["Content:Path"] = Support.TestPaths.Content,
            ["Storage:ConnectionString"] = database.ConnectionString,
        };
        foreach (var (key, value) in settings ?? [])
        {
            configuration[key] = value;
        }

        IHost host;
        Uri? address = null;
        if (webhook)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
            Configure(builder, configuration, time, logs, commands.Values, services);
            var app = builder.Build();
            app.MapTelegramWebhook();
            host = app;
            try
            {
                await host.StartAsync();
            }
            catch
            {
                await app.DisposeAsync();
                database.Dispose();
                if (ownsApi)
                {
                    await api.DisposeAsync();
                }

                throw;
            }

            address = new Uri(app.Urls.First());
        }
        else
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            Configure(builder, configuration, time, logs, commands.Values, services);
            host = builder.Build();
            try
            {
                await host.StartAsync();
            }
            catch
            {
                host.Dispose();
                database.Dispose();
                if (ownsApi)
                {
                    await api.DisposeAsync();
                }

                throw;
            }
        }

        return new TelegramTestHost(api, host, time, logs, commands, database) { WebAddress = address };
    }

    /// <summary>Builds, starts and stops a host whose start-up is expected to fail; returns the failure and the log.</summary>
    public static async Task<(Exception Error, CapturingLoggerProvider Logs)> FailToStartAsync(FakeBotApi api, string token)
    {
        var logs = new CapturingLoggerProvider();
        using var database = new Storage.TempSqlite();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Configure(builder, new Dictionary<string, string?> { ["Telegram:Token"] = token, ["Telegram:ApiBaseUrl"] = api.BaseUrl.AbsoluteUri, ["Storage:ConnectionString"] = database.ConnectionString }, new SignalingTimeProvider(), logs, DefaultCommands(), null);
        using var host = builder.Build();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        return (error, logs);
    }

    /// <summary>
    /// Asks <paramref name="command"/> in the private chat, then a search for <paramref name="marker"/>, and
    /// returns the messages sent in between: the command's answer.
    /// </summary>
    public async Task<IReadOnlyList<FakeCall>> AnswerOfAsync(string command, string marker)
    {
        var before = Api.CallsTo("sendMessage").Count;
        Api.PushUpdate(TelegramUpdates.Message(command));
        Api.PushUpdate(TelegramUpdates.Message("/zoek " + marker));
        await Api.WaitForAsync("sendMessage", where: c => c.Text == "Search: " + marker);
        return Api.CallsTo("sendMessage").Skip(before).SkipLast(1).ToList();
    }

    public static ParagraphBlockList Markdown(string markdown) => new(Markdig.Markdown.Parse(markdown, Pipeline).ToList());

    /// <summary>Asserts what every sendMessage must be: HTML mode, under the limit, well-formed, valid per the spec.</summary>
    public static void AssertWellFormed(FakeCall call)
    {
        Assert.Empty(TelegramSpec.Validate(call.Method, call.Parameters));
        if (call.Method == "sendMessage")
        {
            // Telegram.Bot writes "Html"; the Bot API reads parse modes case-insensitively.
            Assert.Equal("HTML", call.Parameters["parse_mode"]?.GetValue<string>(), ignoreCase: true);
            Assert.InRange(call.Text!.Length, 1, 4096);
            Assert.Empty(TelegramHtmlChecker.Problems(call.Text!));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        var calls = Api.Calls;
        var logs = Logs.Lines;
        if (Host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            Host.Dispose();
        }

        await Api.DisposeAsync();
        _database.Dispose();

        // Whatever the test did: every call the client made is valid per the published Bot API,
        // and the token never reached the log.
        Assert.All(calls, call => Assert.True(TelegramSpec.Validate(call.Method, call.Parameters).Count == 0, call.Method + ": " + string.Join("; ", TelegramSpec.Validate(call.Method, call.Parameters))));
        Assert.DoesNotContain(logs, line => line.Contains(Token, StringComparison.Ordinal) || line.Contains(Token.Split(':')[1], StringComparison.Ordinal));
    }

    private static void Configure(IHostApplicationBuilder builder, Dictionary<string, string?> configuration, TimeProvider time, CapturingLoggerProvider logs, IEnumerable<FakeCommand> commands, Action<IServiceCollection>? services)
    {
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(time);
        if (commands is IReadOnlyCollection<FakeCommand> { Count: 0 })
        {
            builder.AddBotCore();
        }
        else
        {
            builder.Services.AddSingleton(new UiTexts());
            foreach (var command in commands)
            {
                builder.Services.AddSingleton<ICommandHandler>(command);
            }

            builder.Services.AddSingleton<CommandRegistry>();
            builder.Services.AddSingleton<CommandRouter>();
            builder.Services.AddButtonStorage(configuration["Storage:ConnectionString"]!);
        }

        new BotCoreBuilder(builder).AddTelegram();
        services?.Invoke(builder.Services);
    }

    private static IEnumerable<FakeCommand> DefaultCommands()
    {
        yield return new FakeCommand("summit", r => new Reply
        {
            Body = [ReplyText.Paragraph(ReplyText.Text("Summit: "), ReplyText.Bold(r.Arguments))],
            Cards = [new ReplyCard("AI Safety Summit Seoul", new Uri(CardUrl), Markdown("The **Seoul** summit (2024) & ~~more~~.\n\n- one\n  - nested <b>x</b>"), "Summits") { Note = "Alleen Engels" }],
            PreviewUrl = new Uri(CardUrl),
        });
        yield return new FakeCommand("verdrag", r => new Reply
        {
            Body = [ReplyText.Paragraph(UiTexts.Get(UiLanguage.En, UiText.DidYouMean, r.Arguments))],
            Choices = [new ReplyChoice("Montreal Protocol", "verdrag", "montreal"), new ReplyChoice("Lang", "verdrag", new string('é', 80))],
        });
        yield return new FakeCommand("zoek", r => Reply.FromBlocks(ReplyText.Paragraph("Search: " + r.Arguments)));
        yield return new FakeCommand("lang", _ => Reply.FromBlocks(
            ReplyText.Paragraph(ReplyText.Text(string.Concat(Enumerable.Repeat("word & <tag> ", 770)))),
            ReplyText.Paragraph(ReplyText.Link("a link", new Uri("https://pauseai.info/a"))),
            ReplyText.Paragraph(ReplyText.Bold(string.Concat(Enumerable.Repeat("bold ", 900))))));
        yield return new FakeCommand("mod", _ => Reply.FromBlocks(ReplyText.Paragraph("moderated")), CommandAudience.Moderators);
        yield return new FakeCommand("privmod", _ => Reply.FromBlocks(ReplyText.Paragraph("Only for you.")) with { Private = true }, CommandAudience.Moderators);
        yield return new FakeCommand("groupmod", _ => Reply.FromBlocks(ReplyText.Paragraph("changed")), CommandAudience.ModeratorsInGroups);
    }
}

/// <summary>Blocks parsed from Markdown, as a card body.</summary>
internal sealed class ParagraphBlockList(List<Markdig.Syntax.Block> blocks) : List<Markdig.Syntax.Block>(blocks);
