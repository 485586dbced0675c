using Bot.Core.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Events;

/// <summary>
/// Loads the events file at start and again whenever it changes on disk. Editors write files in
/// bursts (truncate, write, rename), so a change is acted on after a short quiet period.
/// </summary>
internal sealed partial class EventCatalogWatcher : IHostedService, IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private readonly EventCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly Microsoft.Extensions.Options.IOptions<EventsOptions> _options;
    private readonly ILogger<EventCatalogWatcher> _logger;
    private FileSystemWatcher? _watcher;
    private ITimer? _debounce;

    public EventCatalogWatcher(EventCatalog catalog, TimeProvider time, Microsoft.Extensions.Options.IOptions<EventsOptions> options, ILogger<EventCatalogWatcher> logger)
    {
        _catalog = catalog;
        _time = time;
        _options = options;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_catalog.Reload() is { } problem)
        {
            // At start there is no last good catalog to keep: refuse with the one line.
            throw new BotStartupException(problem.ToString());
        }

        var file = _catalog.File;
        if (!_options.Value.Watch || file is null)
        {
            return Task.CompletedTask;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (!Directory.Exists(folder))
        {
            LogNoFolder(folder);
            return Task.CompletedTask;
        }

        _debounce = _time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(folder, Path.GetFileName(file))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Renamed += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.EnableRaisingEvents = true;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null)
        {
            _watcher.EnableRaisingEvents = false;
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }

    private void OnChange(object sender, FileSystemEventArgs e) => _debounce?.Change(Quiet, Timeout.InfiniteTimeSpan);

    private void Reload()
    {
        if (_catalog.Reload() is { } problem)
        {
            LogReloadRefused(problem.ToString(), _catalog.All.Length);
        }
    }

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Not watching events: folder {Folder} does not exist")]
    private partial void LogNoFolder(string folder);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "{Problem} (kept the {Count} events loaded before)")]
    private partial void LogReloadRefused(string problem, int count);
}
