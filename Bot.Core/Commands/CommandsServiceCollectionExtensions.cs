using Bot.Core.Content;
using Bot.Core.Kernel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Commands;

/// <summary>Registers the router, the bot's texts and the commands that answer from the content.</summary>
internal static class CommandsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <c>/summit</c>, <c>/verdrag</c>, <c>/zoek</c> and <c>/agenda</c>, the registry of every registered
    /// <see cref="ICommandHandler"/> and the router. <c>/help</c> is registered after every other command, by the composition root.
    /// </summary>
    public static IHostApplicationBuilder AddCommands(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(sp => new UiTexts(sp.GetRequiredService<IOptions<ContentOptions>>().Value.DefaultLanguage == "en" ? UiLanguage.En : UiLanguage.Nl));
        services.AddSingleton(sp => LoadPlaces(sp, builder.Environment.ContentRootPath));
        services.AddSingleton<ICommandHandler, SummitCommand>();
        services.AddSingleton<ICommandHandler, TreatyCommand>();
        services.AddSingleton<ICommandHandler, SearchCommand>();
        services.AddSingleton<ICommandHandler, AgendaCommand>();
        services.AddSingleton(sp => new CommandRegistry(sp.GetServices<ICommandHandler>()));
        services.AddSingleton<CommandRouter>();
        return builder;
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
}
