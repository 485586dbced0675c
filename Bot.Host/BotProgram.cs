using System.Runtime.CompilerServices;
using Bot.Core;
using Bot.Core.Commands;
using Bot.Core.Hosting;
using Bot.Core.Replies.PlainText;
using Bot.Core.Scheduling;
using Bot.Core.Storage;
using Bot.Host.Operations;
using Bot.Telegram;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Bot.Host;

/// <summary>The command line: run the bot, chat in the terminal, ask one question, or check the content.</summary>
internal static class BotProgram
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var line = HostCommandLine.Parse(args);
        if (line.Error is not null)
        {
            await error.WriteLineAsync(line.Error);
            await error.WriteLineAsync(HostCommandLine.UsageText);
            return Usage;
        }

        try
        {
            using var host = Build(line, input, output);
            BotStartup.CheckSettings(host.Services);
            if (line.Verb == HostVerb.Backup)
            {
                // Not migrated nor prepared: a copy of the database as it is.
                return DatabaseBackup.Run(host.Services.GetRequiredService<BotDatabase>(), line.Path!, output, error);
            }

            if (line.Verb != HostVerb.Run)
            {
                // The running bot does this in its hosted services; one-shot commands see the same state.
                await BotStartup.PrepareOneShotAsync(host.Services, CancellationToken.None);
            }

            return line.Verb switch
            {
                HostVerb.Ask => await AskAsync(host, line, output),
                HostVerb.ContentCheck => ContentCheck.Run(host, line.Path, output, error),
                HostVerb.Events => await host.Services.GetRequiredService<EventsCli>().PrintScheduleAsync(output, CancellationToken.None) == 0 ? Ok : Failed,
                HostVerb.EventsIcs => await WriteIcsAsync(host, line, output),
                _ => await RunHostAsync(host),
            };
        }
        catch (Exception ex) when (StartupProblems(ex) is { Count: > 0 } problems)
        {
            // One line per problem, never a stack trace.
            foreach (var problem in problems)
            {
                await error.WriteLineAsync(OneLine(problem));
            }

            return Failed;
        }
    }

    /// <summary>The operator's lines of a start-up failure; empty for an exception that is not one.</summary>
    internal static IReadOnlyList<string> StartupProblems(Exception exception) => exception switch
    {
        BotStartupException startup => startup.Problems,
        OptionsValidationException invalid => [.. invalid.Failures],
        TelegramStartupException telegram => [telegram.Message],
        AggregateException many => [.. many.InnerExceptions.SelectMany(StartupProblems)],

        // The configuration binder, while the host is composed: "Failed to convert configuration value … at 'Section:Key' …".
        InvalidOperationException binding when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [BotStartup.DescribeBindingFailure(binding.Message)],

        // Kestrel could not listen (the port is taken, or the address is not this machine's).
        IOException bind when bind.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || bind.Message.StartsWith("Failed to bind", StringComparison.Ordinal)
            => [$"Web:Urls / Operations:Urls / Urls: {bind.Message.TrimEnd('.')}; choose another port or address, or leave the setting out."],
        _ => [],
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");


    internal static IHost Build(HostCommandLine line, TextReader input, TextWriter output)
    {
        var root = ContentRoot();
        var settings = line.Verb == HostVerb.Run ? Settings(root, line.HostArgs) : null;
        var webhook = settings is not null && TelegramWebhookMode(settings);
        var listen = settings?.GetSection(WebOptions.Section).Get<WebOptions>()?.ListenUrls() ?? [];

        // In webhook mode the operator's endpoints are served by the webhook's web host (its Urls).
        var operationsUrls = webhook ? null : settings?[OperationsOptions.Section + ":" + nameof(OperationsOptions.Urls)];
        IReadOnlyList<string> urls = [.. listen, .. string.IsNullOrWhiteSpace(operationsUrls) ? [] : new OperationsOptions { Urls = operationsUrls }.UrlList];
        if (webhook || urls.Count > 0)
        {
            return BuildWebHost(line, input, output, root, webhook, urls);
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = line.HostArgs, ContentRootPath = root });
        Compose(builder, line, input, output);
        return builder.Build();
    }

    /// <summary>
    /// A web host: Telegram pushes updates to us (webhook mode, on Urls / ASPNETCORE_URLS), Web:Urls asks for one in
    /// any mode for the calendar, Operations:Urls for health and metrics. Off by default: the terminal chat opens no
    /// port. In its own method so that a host without one never loads ASP.NET Core, OpenTelemetry or the health checks.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "As WebApplication its caller would load ASP.NET Core.")]
    private static IHost BuildWebHost(HostCommandLine line, TextReader input, TextWriter output, string root, bool webhook, IReadOnlyList<string> urls)
    {
        var web = WebApplication.CreateBuilder(new WebApplicationOptions { Args = line.HostArgs, ContentRootPath = root });
        if (urls.Count > 0)
        {
            web.WebHost.UseUrls([.. urls]);
        }

        Compose(web, line, input, output);
        web.AddOperations();
        web.Services.AddSingleton<ListeningAddresses>();
        var app = web.Build();
        if (webhook)
        {
            app.MapTelegramWebhook();
        }

        app.MapEventCalendar();
        app.MapOperations();
        return app;
    }

    private static void Compose(IHostApplicationBuilder builder, HostCommandLine line, TextReader input, TextWriter output)
    {
        // Secrets from user secrets, overridden by the environment and then the command line.
        builder.Configuration.AddUserSecrets(typeof(BotProgram).Assembly, optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(line.HostArgs);
        var terminal = line.Verb != HostVerb.Run || !ConfiguredPlatforms.Any(builder.Configuration);
        // Logging:Console:FormatterName=json gives JSON lines; otherwise one line per entry.
        builder.Logging.AddConsole(o =>
        {
            o.LogToStandardErrorThreshold = LogLevel.Trace;
            if (terminal)
            {
                // The terminal shows one line per log entry, without stack traces.
                o.FormatterName = OneLineConsoleFormatter.FormatName;
            }
            else
            {
                // Named, or the logger copies its legacy options over SingleLine below.
                o.FormatterName ??= ConsoleFormatterNames.Simple;
            }
        });
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o => o.SingleLine = true);
        builder.Logging.AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>();

        // A start-up failure is reported once, by RunAsync or the runtime, not also by the host's own log.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", level => level is >= LogLevel.Information and < LogLevel.Error);
        if (terminal)
        {
            // The terminal is the chat: keep it clean of routine logging.
            builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        }

        var core = builder.AddBotCore();
        if (line.Verb == HostVerb.Run)
        {
            builder.Services.AddHostedService<StartupSummary>();
            builder.Services.AddHostedService<StartupMemoryRelease>();

            // Each adapter only with its token; without any, the terminal is the chat.
            ConfiguredPlatforms.Add(core, builder.Configuration);
            if (!ConfiguredPlatforms.Any(builder.Configuration))
            {
                core.AddConsoleChat(input, output, line.Locale ?? string.Empty);
            }
        }
        else
        {
            // ask and friends answer the operator in the terminal.
            core.AddConsole(output);
        }

        builder.Services.AddStartupChecks(); // last: it collects every part's settings
    }

    /// <summary>The settings as the host will see them, read early to choose the kind of host.</summary>
    private static IConfiguration Settings(string root, string[] args) => new ConfigurationBuilder()
        .SetBasePath(root)
        .AddJsonFile("appsettings.json", optional: true)
        .AddUserSecrets(typeof(BotProgram).Assembly, optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args)
        .Build();

    private static bool TelegramWebhookMode(IConfiguration configuration) =>
        ConfiguredPlatforms.HasTelegram(configuration)
        && string.Equals(configuration["Telegram:Mode"], nameof(TelegramMode.Webhook), StringComparison.OrdinalIgnoreCase);

    /// <summary>The working folder when it holds the settings (a checkout), else the app's own folder.</summary>
    private static string ContentRoot() =>
        File.Exists(Path.Combine(Environment.CurrentDirectory, "appsettings.json")) ? Environment.CurrentDirectory : AppContext.BaseDirectory;

    private static async Task<int> AskAsync(IHost host, HostCommandLine line, TextWriter output)
    {
        var router = host.Services.GetRequiredService<CommandRouter>();
        var reply = await ConsoleChat.ReplyAsync(router, line.Question ?? string.Empty, line.Locale ?? string.Empty, CancellationToken.None);
        await output.WriteAsync(PlainTextReplyFormatter.Format(reply));
        return reply.IsError ? Failed : Ok;
    }

    private static async Task<int> WriteIcsAsync(IHost host, HostCommandLine line, TextWriter output)
    {
        var language = host.Services.GetRequiredService<UiTexts>().LanguageOf(line.Locale);
        await host.Services.GetRequiredService<EventsCli>().WriteIcsAsync(output, language, CancellationToken.None);
        return Ok;
    }

    private static async Task<int> RunHostAsync(IHost host)
    {
        try
        {
            await host.RunAsync();
        }
        catch (OperationCanceledException) when (host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested)
        {
            // Stopped while starting: the piped input ended before the web host listened.
        }

        return Ok;
    }
}
