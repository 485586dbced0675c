using Bot.Core.Replies;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Core.Commands;

/// <summary><c>/help</c>: every command with one line, by its name in the user's language (the other names still work).</summary>
/// <remarks>The registry is resolved lazily because it is built from every handler, this one included.</remarks>
internal sealed class HelpCommand(IServiceProvider services, UiTexts texts) : ICommandHandler
{
    public CommandDescriptor Descriptor { get; } = new(
        "help",
        ["start", "hulp"],
        new("Wat ik kan", "What I can do"),
        ArgumentUse.None);

    public ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var language = texts.LanguageOf(request.Locale);
        var commands = services.GetRequiredService<CommandRegistry>().Descriptors
            .Where(d => !d.ModeratorOnly || request.IsModerator);
        var items = commands.Select(d => new Inline[]
        {
            ReplyText.Bold("/" + d.NameFor(language)),
            ReplyText.Text(" — " + d.Description.For(language)),
        });
        return ValueTask.FromResult(new Reply
        {
            Body = [ReplyText.Paragraph(UiTexts.Get(language, UiText.HelpIntro)), ReplyText.BulletList(items)],
        });
    }
}
