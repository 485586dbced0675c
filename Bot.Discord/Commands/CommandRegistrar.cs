using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Discord.Api;
using Bot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Commands;

/// <summary>
/// Registers the core's commands as Discord slash commands with one bulk overwrite (global, or in
/// <c>Discord:GuildId</c>), only when they changed since the last registration: the hash of what was sent
/// is kept in a small file.
/// </summary>
internal sealed partial class CommandRegistrar
{
    public const int MaxDescription = 100;

    /// <summary>Moderator commands are shown only to members with Manage Guild (Discord still lets admins override).</summary>
    private const string ManageGuild = "32";

    private readonly CommandRegistry _registry;
    private readonly DiscordRestClient _rest;
    private readonly DiscordOptions _options;
    private readonly ILogger<CommandRegistrar> _logger;

    public CommandRegistrar(CommandRegistry registry, DiscordRestClient rest, IOptions<DiscordOptions> options, ILogger<CommandRegistrar> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _rest = rest;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The file holding the hash of the last registration.</summary>
    public string StateFile => string.IsNullOrWhiteSpace(_options.CommandStateFile)
        ? Path.Combine(Path.GetTempPath(), "outreach-bot", "discord-commands.sha256")
        : _options.CommandStateFile;

    /// <summary>Sends the commands when they changed; returns whether anything was sent.</summary>
    public async Task<bool> EnsureRegisteredAsync(string applicationId, CancellationToken cancellationToken)
    {
        var commands = Build(_registry.Descriptors, (name, problem) => _logger.CommandSkipped(name, problem));
        var scope = string.IsNullOrEmpty(_options.GuildId) ? "global" : "guild " + _options.GuildId;
        var body = JsonSerializer.SerializeToUtf8Bytes(commands, DiscordJsonContext.Default.ListApplicationCommand);
        var hash = Convert.ToHexString(SHA256.HashData([.. Encoding.UTF8.GetBytes(applicationId + "|" + scope + "|"), .. body]));
        if (File.Exists(StateFile) && (await File.ReadAllTextAsync(StateFile, cancellationToken)).Trim() == hash)
        {
            _logger.CommandsUnchanged(scope);
            return false;
        }

        await _rest.BulkOverwriteCommandsAsync(applicationId, _options.GuildId, commands, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(StateFile))!);
        await File.WriteAllTextAsync(StateFile, hash, cancellationToken);
        _logger.CommandsRegistered(commands.Count, scope);
        return true;
    }

    /// <summary>The slash commands for the core's descriptors; a descriptor Discord would refuse is reported and skipped.</summary>
    internal static List<ApplicationCommand> Build(IEnumerable<CommandDescriptor> descriptors, Action<string, string>? skipped = null)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        var commands = new List<ApplicationCommand>();
        foreach (var descriptor in descriptors)
        {
            var name = descriptor.Name.ToLowerInvariant();
            if (!IsValidName(name))
            {
                skipped?.Invoke(descriptor.Name, "the name must be 1–32 lower-case letters, digits, - or _");
                continue;
            }

            commands.Add(new ApplicationCommand
            {
                Name = name,
                NameLocalizations = NameLocalizations(descriptor, name),
                Description = Fit(descriptor.Description.En, name),
                DescriptionLocalizations = Localized(descriptor.Description, name),
                Options = Options(descriptor),
                DefaultMemberPermissions = descriptor.Audience == CommandAudience.Moderators ? ManageGuild : null,
            });
        }

        return commands;
    }

    /// <summary>Discord's rule for a slash command or option name (lower case where a letter has one).</summary>
    internal static bool IsValidName(string name) => NamePattern().IsMatch(name) && string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal);

    /// <summary>The text option, then (after it: Discord lists required options first) an optional image file.</summary>
    private static List<ApplicationCommandOption>? Options(CommandDescriptor descriptor)
    {
        var options = new List<ApplicationCommandOption>();
        if (descriptor.Argument != ArgumentUse.None)
        {
            options.Add(Option(descriptor));
        }

        if (descriptor.TakesImage)
        {
            var names = new LocalizedText("Een afbeelding die met de tekst meegaat (PNG, JPEG, GIF of WebP, hooguit 10 MB)", "An image sent with the text (PNG, JPEG, GIF or WebP, 10 MB at most)");
            options.Add(new ApplicationCommandOption
            {
                Type = CommandOptionType.Attachment,
                Name = ImageOption,
                NameLocalizations = new Dictionary<string, string> { ["nl"] = "afbeelding" },
                Description = Fit(names.En, ImageOption),
                DescriptionLocalizations = Localized(names, ImageOption),
                Required = false,
            });
        }

        return options.Count == 0 ? null : options;
    }

    /// <summary>The name of the optional image option of a command that takes one.</summary>
    public const string ImageOption = "image";

    private static ApplicationCommandOption Option(CommandDescriptor descriptor)
    {
        var names = descriptor.ArgumentName ?? new LocalizedText("tekst", "text");
        var name = OptionName(names.En) ?? "text";
        var dutch = OptionName(names.Nl);
        return new ApplicationCommandOption
        {
            Type = CommandOptionType.String,
            Name = name,
            NameLocalizations = dutch is not null && dutch != name ? new Dictionary<string, string> { ["nl"] = dutch } : null,
            Description = Fit(names.En, name),
            DescriptionLocalizations = Localized(names, name),
            Required = descriptor.Argument == ArgumentUse.Required,
            Autocomplete = descriptor.Suggestions is SuggestionKind.Summits or SuggestionKind.Treaties,
            MaxLength = descriptor.TakesText ? CommandLine.MaxTextLength : 200,
        };
    }

    private static string? OptionName(string text)
    {
        var name = text.Trim().ToLowerInvariant().Replace(' ', '-');
        return IsValidName(name) ? name : null;
    }

    /// <summary>English clients see the English name (<c>/treaty</c>); Discord still sends the canonical name.</summary>
    private static Dictionary<string, string>? NameLocalizations(CommandDescriptor descriptor, string name)
    {
        var english = descriptor.NameFor(UiLanguage.En).ToLowerInvariant();
        return english == name || !IsValidName(english) ? null : new() { ["nl"] = name, ["en-US"] = english, ["en-GB"] = english };
    }

    private static Dictionary<string, string> Localized(LocalizedText text, string fallback) => new()
    {
        ["nl"] = Fit(text.Nl, fallback),
        ["en-US"] = Fit(text.En, fallback),
        ["en-GB"] = Fit(text.En, fallback),
    };

    private static string Fit(string text, string fallback)
    {
        var trimmed = string.IsNullOrWhiteSpace(text) ? fallback : text.Trim();
        return trimmed.Length <= MaxDescription ? trimmed : trimmed[..(MaxDescription - 1)].TrimEnd() + "…";
    }

    [GeneratedRegex(@"^[-_\p{L}\p{N}]{1,32}$")]
    private static partial Regex NamePattern();
}
