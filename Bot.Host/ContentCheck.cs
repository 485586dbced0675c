using Bot.Core.Content;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Host;

/// <summary><c>content check</c>: what the loader found, and every problem. Non-zero when a page failed.</summary>
internal static class ContentCheck
{
    public static int Run(IHost host, string? path, TextWriter output, TextWriter error)
    {
        var options = host.Services.GetRequiredService<IOptions<ContentOptions>>().Value;
        var environment = host.Services.GetRequiredService<IHostEnvironment>();
        var folder = ContentOptions.ResolveFolder(path ?? options.Path, environment.ContentRootPath);
        if (!Directory.Exists(folder))
        {
            error.WriteLine($"--path: the content folder {folder} does not exist. Expected a folder with a language folder per language (nl/, en/) of Markdown pages.");
            return BotProgram.Failed;
        }

        var index = ContentLoader.Load(folder, options);
        output.WriteLine($"Content folder: {folder}");
        foreach (var page in index.Pages)
        {
            output.WriteLine($"  {page.Path} [{page.Language}] \"{page.Title}\" — {page.Sections.Count} sections — {page.Url}");
        }

        output.WriteLine($"Entities ({index.Entities.Count}):");
        foreach (var entity in index.Entities)
        {
            output.WriteLine($"  {entity.Kind,-7} {entity.Key,-28} [{entity.Language}] {entity.Name} — {entity.Url}");
        }

        output.WriteLine($"Problems ({index.Problems.Count}):");
        foreach (var problem in index.Problems)
        {
            output.WriteLine("  " + problem);
        }

        var failed = index.Problems.Count(p => p.Skipped);
        output.WriteLine($"{index.Pages.Count} pages loaded, {failed} failed.");
        return failed == 0 ? BotProgram.Ok : BotProgram.Failed;
    }
}
