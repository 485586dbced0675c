using Bot.Core;
using Bot.Core.Commands;
using Bot.Core.Kernel;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host;

/// <summary>The terminal chat, plugged in as a platform like any other: its user is the operator.</summary>
internal static class ConsolePlatform
{
    /// <summary>The platform id, as stored with the terminal's subscription.</summary>
    public static PlatformId Id { get; } = new("Console");

    /// <summary>The one chat of the terminal.</summary>
    public static ChatAddress Chat { get; } = new(Id, "console", ChatKind.Private);

    /// <summary>What people call it.</summary>
    public static PlatformDescription Description { get; } = new(
        Id,
        new LocalizedText("de terminal", "the terminal"),
        new LocalizedText("de terminal", "the terminal"),
        new LocalizedText("de terminal", "the terminal"))
    {
        IsOperatorTerminal = true,
    };

    /// <summary>
    /// Chats in the terminal: lines from <paramref name="input"/> are answered on <paramref name="output"/>,
    /// where reminders and announcements also appear.
    /// </summary>
    public static BotCoreBuilder AddConsoleChat(this BotCoreBuilder builder, TextReader input, TextWriter output, string locale)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new ConsoleChatStreams(input, output, locale));
        builder.Services.AddHostedService<ConsoleChatService>();
        return builder.AddConsole(output);
    }

    /// <summary>
    /// The terminal as a platform (also for one-shot commands such as <c>ask</c>): posts appear on
    /// <paramref name="output"/>, and its user, the operator, moderates it. No limits: nothing is sent over a network.
    /// </summary>
    public static BotCoreBuilder AddConsole(this BotCoreBuilder builder, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new ConsoleMessenger(output));
        return builder.AddPlatform<ConsoleMessenger, OperatorCheck>(Description);
    }

    /// <summary>Whoever types in the terminal runs the bot on their own machine: they moderate the terminal.</summary>
    internal sealed class OperatorCheck : IModeratorCheck
    {
        public PlatformId Platform => Id;

        public ValueTask<bool> IsModeratorAsync(ChatAddress chat, UserRef user, IModeratorEvidence? evidence, CancellationToken cancellationToken) =>
            ValueTask.FromResult(true);
    }
}
