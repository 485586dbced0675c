using Bot.Core;
using Bot.Core.Commands;
using Bot.Discord;
using Bot.Discord.Gateway;
using Bot.Discord.Interactions;
using Bot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Bot.Tests.Discord.Support;

/// <summary>The real host with AddDiscord, fake commands, fake time and captured logs, pointed at a <see cref="FakeDiscord"/>.</summary>
internal sealed class DiscordBotHarness : IAsyncDisposable
{
    private readonly bool _ownsStateFile;

    private DiscordBotHarness(IHost host, SignallingTimeProvider time, LogCapture logs, string stateFile, bool ownsStateFile)
    {
        _ownsStateFile = ownsStateFile;
        Host = host;
        Time = time;
        Logs = logs;
        StateFile = stateFile;
    }

    public IHost Host { get; }

    public SignallingTimeProvider Time { get; }

    public LogCapture Logs { get; }

    public string StateFile { get; }

    public CommandRecorder Recorder => Host.Services.GetRequiredService<CommandRecorder>();

    public DiscordBotService Service => Host.Services.GetRequiredService<DiscordBotService>();

    /// <summary>The host; its database (buttons, and the real core's storage) is a SQLite file beside <paramref name="stateFile"/> unless <paramref name="settings"/> name one.</summary>
    public static IHost BuildHost(FakeDiscord fake, SignallingTimeProvider time, LogCapture logs, string stateFile, IDictionary<string, string?>? settings = null, bool realCore = false, Action<IServiceCollection>? services = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = realCore ? TestPaths.RepoRoot : AppContext.BaseDirectory });
        var config = new Dictionary<string, string?>
        {
            ["Discord:Token"] = "test-token",
            ["Discord:ApiBaseUrl"] = fake.ApiBase.AbsoluteUri,
            ["Discord:CommandStateFile"] = stateFile,
            ["Storage:ConnectionString"] = $"Data Source={stateFile}.db",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(new GatewayTimings { Jitter = () => 0.5 });
        builder.Services.AddSingleton<CommandRecorder>();
        services?.Invoke(builder.Services);
        if (realCore)
        {
            config["Content:Path"] = TestPaths.Content;
            builder.Configuration.AddInMemoryCollection(config);
            Bot.Core.BotCoreHostingExtensions.AddBotCore(builder).AddDiscord();
            return builder.Build();
        }

        builder.Services.AddSingleton<ISuggestionSource, FakeSuggestions>();
        builder.Services.AddSingleton<ICommandHandler, FakeSummitCommand>();
        builder.Services.AddSingleton<ICommandHandler, EchoCommand>();
        builder.Services.AddSingleton<ICommandHandler, SlowCommand>();
        builder.Services.AddSingleton<ICommandHandler, AnnounceCommand>();
        builder.Services.AddSingleton<ICommandHandler, PrivateCommand>();
        builder.Services.AddSingleton(sp => new CommandRegistry(sp.GetServices<ICommandHandler>()));
        builder.Services.AddSingleton(new UiTexts());
        builder.Services.AddSingleton<CommandRouter>();
        builder.Services.AddButtonStorage(config["Storage:ConnectionString"]!);
        new BotCoreBuilder(builder).AddDiscord();
        return builder.Build();
    }

    public static async Task<DiscordBotHarness> StartAsync(FakeDiscord fake, IDictionary<string, string?>? settings = null, string? stateFile = null, bool realCore = false, SignallingTimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var owns = stateFile is null;
        time ??= new SignallingTimeProvider();
        var logs = new LogCapture();
        stateFile ??= TestPaths.NewDiscordStateFile();
        var host = BuildHost(fake, time, logs, stateFile, settings, realCore, services);
        await host.StartAsync();
        return new DiscordBotHarness(host, time, logs, stateFile, owns);
    }

    /// <summary>Runs the handshake: Hello, Identify, READY (sequence 1). Returns the connection.</summary>
    public static async Task<FakeGatewayConnection> ConnectAsync(FakeDiscord fake)
    {
        var connection = await fake.NextConnectionAsync();
        await connection.HelloAsync();
        await connection.ExpectAsync(2);
        await connection.ReadyAsync(fake);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await Host.StopAsync(timeout.Token);
        var stopping = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        Host.Dispose();
        if (_ownsStateFile)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(StateFile)!, Path.GetFileName(StateFile) + "*"))
            {
                File.Delete(file);
            }
        }

        // A stop that needs the timeout is a hang in the adapter's shutdown: fail loudly, with the log.
        Assert.True(stopping < TimeSpan.FromSeconds(8), $"Stopping took {stopping}:\n" + string.Join("\n", Logs.Lines.Select(l => $"{l.Level} {l.EventId} {l.Message}")));
    }
}
