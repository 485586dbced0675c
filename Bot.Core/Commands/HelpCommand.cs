using Bot.Core.Replies;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Core.Commands;

/// <summary>
/// <c>/help</c>: every command with one line, by its name in the user's language (the other names still work);
/// the moderators' commands only when the platform says the asker moderates this chat (asked only for that).
/// </summary>
/// <remarks>The registry is resolved lazily because it is built from every handler, this one included.</remarks>
internal sealed class HelpCommand(IServiceProvider services, UiTexts texts, ModeratorChecks moderators) : ICommandHandler
{
    public CommandDescriptor Descriptor { get; } = new(
        "help",
        ["start", "hulp"],
        new("Wat ik kan", "What I can do"),
        ArgumentUse.None);

    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = texts.LanguageOf(request.Locale);
        var all = services.GetRequiredService<CommandRegistry>().Descriptors;
        var moderator = all.Any(d => d.Audience == CommandAudience.Moderators)
            && await moderators.IsModeratorAsync(request.Chat, request.User, request.Evidence, cancellationToken);
        var commands = all.Where(d => d.Audience != CommandAudience.Moderators || moderator);
        var items = commands.Select(d => new Inline[]
        {
            ReplyText.Bold("/" + d.NameFor(language)),
            ReplyText.Text(" — " + d.Description.For(language)),
        });
        return new Reply
        {
            Body = [ReplyText.Paragraph(UiTexts.Get(language, UiText.HelpIntro)), ReplyText.BulletList(items)],
        };
    }
}
