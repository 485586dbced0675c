using Bot.Core.Commands;
using Bot.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Benchmarks;

/// <summary>A router over some handlers, with no platform and a button store it never opens (the benchmarks show no buttons).</summary>
internal static class BenchRouter
{
    public static CommandRouter Create(ICommandHandler[] handlers, UiTexts texts)
    {
        var database = new BotDatabase(StorageProvider.Sqlite, "Data Source=:memory:", TimeProvider.System, NullLogger<BotDatabase>.Instance);
        return new CommandRouter(new CommandRegistry(handlers), texts, new ModeratorChecks([]), new ButtonStore(database, TimeProvider.System), TimeProvider.System, NullLogger<CommandRouter>.Instance);
    }
}
