using Bot.Core.Commands;
using Bot.Core.Content;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core;

/// <summary>Registers everything that is the same on every platform.</summary>
public static class BotCoreHostingExtensions
{
    /// <summary>Adds the content index, the commands and their router, the clock, and events with their reminders and storage.</summary>
    public static BotCoreBuilder AddBotCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ContentOptions>().BindConfiguration(ContentOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ContentOptions>, ContentOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PlatformDirectory>();
        services.AddSingleton(sp => new UiTexts(sp.GetRequiredService<IOptions<ContentOptions>>().Value.DefaultLanguage == "en" ? UiLanguage.En : UiLanguage.Nl));
        services.AddSingleton(sp => LoadContent(sp, builder.Environment.ContentRootPath));
        services.AddSingleton(sp => LoadPlaces(sp, builder.Environment.ContentRootPath));

        services.AddSingleton<ICommandHandler, SummitCommand>();
        services.AddSingleton<ICommandHandler, TreatyCommand>();
        services.AddSingleton<ICommandHandler, SearchCommand>();
        services.AddSingleton<ICommandHandler, AgendaCommand>();
        services.AddSingleton(sp => new CommandRegistry(sp.GetServices<ICommandHandler>()));
        services.AddSingleton<CommandRouter>();
        builder.AddScheduling();
        builder.AddModeration();
        services.AddSingleton<ICommandHandler, HelpCommand>(); // last, so /help lists itself last
        return new BotCoreBuilder(builder);
    }

    private static SummitPlaces LoadPlaces(IServiceProvider services, string contentRoot)
    {
        var options = services.GetRequiredService<IOptions<ContentOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<ContentIndex>();
        var problems = new List<string>();
        var places = SummitPlaces.Load(Path.Combine(ContentOptions.ResolveFolder(options.Path, contentRoot), SummitPlaces.FileName), problems);
        foreach (var problem in problems)
        {
            ContentLog.Problem(logger, problem);
        }

        return places;
    }

    private static ContentIndex LoadContent(IServiceProvider services, string contentRoot)
    {
        var options = services.GetRequiredService<IOptions<ContentOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<ContentIndex>();
        var folder = ContentOptions.ResolveFolder(options.Path, contentRoot);
        var index = ContentLoader.Load(folder, options);
        foreach (var problem in index.Problems)
        {
            ContentLog.Problem(logger, problem.ToString());
        }

        var sections = index.Pages.Sum(p => p.Sections.Count);
        ContentLog.Loaded(logger, index.Pages.Count, sections, index.Entities.Count, folder);
        return index;
    }
}
