using System.Reflection;
using Bot.Core.Content;
using Bot.Core.Events;
using Bot.Core.Hosting;
using Bot.Core.Moderation;
using Bot.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Core;

/// <summary>
/// The start-up work every command shares, so <c>ask</c>, <c>events</c>, <c>content check</c>, the
/// terminal chat and the platforms see the same settings, database and events. First every setting
/// is checked and every problem named at once; then the database is migrated, the events file is
/// read (a syntax error refuses the start), the moderators' edits are layered over it and the
/// feeds are fetched. The running bot does the last steps in its hosted services (the same code);
/// one-shot commands call <see cref="PrepareOneShotAsync"/>. Failures are <see cref="BotStartupException"/>s.
/// </summary>
public static class BotStartup
{
    /// <summary>Remembers which settings sections have validators; call after every part registered its options.</summary>
    public static IServiceCollection AddStartupChecks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var types = services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Where(t => t.Assembly.GetName().Name?.StartsWith("Bot.", StringComparison.Ordinal) == true) // ours; not Quartz's own
            .Distinct()
            .ToArray();
        services.AddSingleton(new StartupChecks(types));
        return services;
    }

    /// <summary>Checks every setting; throws one <see cref="BotStartupException"/> naming every problem.</summary>
    public static void CheckSettings(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var problems = new List<string>();
        foreach (var type in services.GetService<StartupChecks>()?.OptionTypes ?? [])
        {
            var options = services.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
            try
            {
                _ = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is OptionsValidationException invalid)
            {
                problems.AddRange(invalid.Failures);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is InvalidOperationException binding)
            {
                problems.Add(DescribeBindingFailure(binding.Message));
            }
        }

        problems.AddRange(FileProblems(services));
        if (problems.Count > 0)
        {
            throw new BotStartupException(problems);
        }
    }

    /// <summary>
    /// For a command that answers and exits: migrates the database (without the single-process lock,
    /// so it works beside the running bot), loads the events file, the moderators' edits and the feeds.
    /// </summary>
    public static async Task PrepareOneShotAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await services.GetRequiredService<BotDatabase>().InitializeAsync(takeLock: false, cancellationToken);
        var catalog = services.GetRequiredService<EventCatalog>();
        if (catalog.Reload() is { } problem)
        {
            throw new BotStartupException(problem.ToString());
        }

        await services.GetRequiredService<EventEditStore>().ApplyAsync(catalog, cancellationToken);
        if (services.GetRequiredService<IOptions<EventsOptions>>().Value.Feeds.Count > 0)
        {
            await services.GetRequiredService<EventFeedPoller>().PollAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The configuration binder's "Failed to convert configuration value 'abc' at 'A:B' to type
    /// 'System.TimeSpan'." as an operator reads it: the setting, the value, the form expected.
    /// </summary>
    public static string DescribeBindingFailure(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'");
        if (!match.Success)
        {
            return message;
        }

        var expected = match.Groups["type"].Value switch
        {
            "System.TimeSpan" => "a duration as hh:mm:ss, such as 00:00:05",
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Boolean" => "true or false",
            "System.Uri" => "an absolute URL, such as https://example.org",
            var type => "a value of type " + type[(type.LastIndexOf('.') + 1)..],
        };
        return $"{match.Groups["key"].Value}: '{match.Groups["value"].Value}' is not valid; expected {expected}.";
    }

    /// <summary>The content folder and the events file, when the settings name ones that do not exist.</summary>
    private static IEnumerable<string> FileProblems(IServiceProvider services)
    {
        var root = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        // From the configuration itself: the folder is checked even when another Content setting is wrong.
        var path = services.GetRequiredService<IConfiguration>()[ContentOptions.Section + ":" + nameof(ContentOptions.Path)] ?? new ContentOptions().Path;
        if (!string.IsNullOrWhiteSpace(path))
        {
            var folder = ContentOptions.ResolveFolder(path, root);
            if (!Directory.Exists(folder))
            {
                yield return $"Content:Path: the content folder {folder} does not exist. Expected a folder with a language folder per language (nl/, en/) of Markdown pages, such as content.";
            }
        }

        EventCatalog? catalog = null;
        try
        {
            catalog = services.GetRequiredService<EventCatalog>();
        }
        catch (OptionsValidationException)
        {
        }
        catch (InvalidOperationException)
        {
        }

        if (catalog is { FileRequired: true, File: { } file } && !File.Exists(file))
        {
            yield return $"Events:File: the events file {file} does not exist. Expected a YAML file such as content/events.yaml, or leave Events:File out to use events.yaml in the content folder.";
        }
    }

    /// <summary>The options types that have validators.</summary>
    private sealed record StartupChecks(IReadOnlyList<Type> OptionTypes);
}
