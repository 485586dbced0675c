using Bot.Core.Commands;
using Bot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.Support;

/// <summary>Routers built by hand, and the button storage of hosts that have fake commands instead of AddBotCore.</summary>
internal static class TestRouter
{
    /// <summary>A router over <paramref name="handlers"/>, its buttons in <paramref name="database"/>, asking <paramref name="checks"/>.</summary>
    public static CommandRouter Create(BotDatabase database, TimeProvider time, IEnumerable<ICommandHandler> handlers, params IModeratorCheck[] checks) =>
        new(new CommandRegistry(handlers), new UiTexts(), new ModeratorChecks(checks), new ButtonStore(database, time), time, NullLogger<CommandRouter>.Instance);

    /// <summary>A SQLite file for the router's buttons (<paramref name="connectionString"/>), migrated when the host starts.</summary>
    public static IServiceCollection AddButtonStorage(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(sp => new BotDatabase(StorageProvider.Sqlite, connectionString, sp.GetRequiredService<TimeProvider>(), NullLogger<BotDatabase>.Instance));
        services.AddHostedService<StorageInitializer>();
        services.AddSingleton(sp => new ButtonStore(sp.GetRequiredService<BotDatabase>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
