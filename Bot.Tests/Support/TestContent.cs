using Bot.Core.Commands;
using Bot.Core.Content;
using Bot.Core.Kernel;
using Bot.Core.Replies.PlainText;
using Bot.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.Support;

/// <summary>The real content folder, loaded once, and a router over the real commands.</summary>
internal static class TestContent
{
    private static readonly Lazy<ContentIndex> LazyIndex = new(() => ContentLoader.Load(TestPaths.Content, new ContentOptions()));
    private static readonly Lazy<IServiceProvider> LazyServices = new(BuildServices);

    public static ContentIndex Index => LazyIndex.Value;

    public static CommandRouter Router => LazyServices.Value.GetRequiredService<CommandRouter>();

    public static IServiceProvider Services => LazyServices.Value;

    public static ContentIndex FromPages(params (string Path, string Markdown)[] pages) =>
        ContentLoader.FromTexts(pages, new ContentOptions());

    public static async Task<string> AskAsync(string line, string locale = "nl")
    {
        var reply = await AskReplyAsync(line, locale);
        return PlainTextReplyFormatter.Format(reply);
    }

    public static ValueTask<Bot.Core.Replies.Reply> AskReplyAsync(string line, string locale = "nl")
    {
        if (!CommandLine.TryParse(line, "PauseBot", out var command, out var arguments))
        {
            throw new ArgumentException("not a command: " + line);
        }

        return Router.RouteAsync(Request(command, arguments, locale), CancellationToken.None);
    }

    public static CommandRequest Request(string command, string arguments, string locale = "nl") =>
        new(command, arguments, new UserRef("42", "tester"), new ChatAddress(ConsolePlatform.Id, "test", ChatKind.Private), locale);

    private static IServiceProvider BuildServices()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = TestPaths.RepoRoot, DisableDefaults = true });
        builder.Services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        builder.Services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        Bot.Core.BotCoreHostingExtensions.AddBotCore(builder);
        return builder.Build().Services;
    }
}
