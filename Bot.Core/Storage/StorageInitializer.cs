using Microsoft.Extensions.Hosting;

namespace Bot.Core.Storage;

/// <summary>
/// Opens the database before anything else runs: takes the SQLite single-process lock (a second
/// process on the same file fails to start here, before Quartz touches the file) and migrates our schema.
/// </summary>
internal sealed class StorageInitializer : IHostedService
{
    private readonly BotDatabase _database;

    public StorageInitializer(BotDatabase database) => _database = database;

    public Task StartAsync(CancellationToken cancellationToken) => _database.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
