using Bot.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Content;

/// <summary>Registers the content: the pages' index and the <c>Content</c> settings.</summary>
internal static class ContentServiceCollectionExtensions
{
    /// <summary>Adds the <c>Content</c> settings and the index of the pages, built in the background from the host's start.</summary>
    public static IHostApplicationBuilder AddContent(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddCheckedOptions<ContentOptions, ContentOptionsValidator>(ContentOptions.Section);
        services.AddSingleton(sp => new ContentSource(() => LoadContent(sp, builder.Environment.ContentRootPath)));
        services.AddSingleton(sp => sp.GetRequiredService<ContentSource>().Index);
        services.AddHostedService<ContentPreload>();
        return builder;
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
