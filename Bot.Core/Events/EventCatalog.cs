using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Events;

/// <summary>
/// The current set of events: the events file plus any other sources (feeds), merged by id.
/// Readers get an immutable snapshot; <see cref="Changed"/> fires after every reload so the
/// schedule can follow.
/// </summary>
internal sealed partial class EventCatalog
{
    private readonly object _gate = new();
    private readonly ILogger<EventCatalog> _logger;
    private readonly Dictionary<string, IReadOnlyList<BotEvent>> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<CatalogProblem>> _problemsBySource = new(StringComparer.Ordinal);
    private ImmutableArray<BotEvent> _events = [];
    private ImmutableArray<CatalogProblem> _problems = [];
    private HashSet<string> _deleted = new(StringComparer.OrdinalIgnoreCase);

    public EventCatalog(ILogger<EventCatalog> logger, string? file = null)
    {
        _logger = logger;
        File = file;
    }

    /// <summary>Raised after the catalog changed (on a thread-pool or watcher thread).</summary>
    public event EventHandler? Changed;

    /// <summary>The events file, when the catalog reads one.</summary>
    public string? File { get; }

    /// <summary>Every event, ordered by start.</summary>
    public ImmutableArray<BotEvent> All => _events;

    /// <summary>The entries skipped at the last load of each source.</summary>
    public ImmutableArray<CatalogProblem> Problems => _problems;

    /// <summary>Reads the events file again (a missing file means no events from it).</summary>
    public void Reload()
    {
        if (File is null)
        {
            return;
        }

        string text;
        try
        {
            text = System.IO.File.Exists(File) ? System.IO.File.ReadAllText(File) : string.Empty;
        }
        catch (IOException ex)
        {
            // The editor may still hold the file; the watcher calls again on the next change.
            LogReadFailed(ex, File);
            return;
        }

        var result = EventYamlParser.Parse(text, Path.GetFileName(File));
        SetSource("file", result);
    }

    /// <summary>The source name of moderators' runtime edits (<c>/event</c>), which win over the file and feeds.</summary>
    public const string EditsSource = "edits";

    /// <summary>
    /// Sets moderators' runtime edits: <paramref name="events"/> added or changed (they win over the file and
    /// feeds) and <paramref name="deleted"/> ids removed from every source; then merges.
    /// </summary>
    public void SetEdits(IReadOnlyList<BotEvent> events, IReadOnlyCollection<string> deleted)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        lock (_gate)
        {
            _deleted = new HashSet<string>(deleted, StringComparer.OrdinalIgnoreCase);
        }

        SetSource(EditsSource, new CatalogLoadResult(events, []));
    }

    /// <summary>Replaces the events of one source (<c>file</c>, or a feed URL) and merges.</summary>
    public void SetSource(string source, CatalogLoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var problem in result.Problems)
        {
            LogProblem(problem.ToString());
        }

        lock (_gate)
        {
            _sources[source] = result.Events;
            var merged = new Dictionary<string, BotEvent>(StringComparer.OrdinalIgnoreCase);
            // The file wins over feeds for the same id: moderators correct feeds in the file.
            // Moderators' runtime edits win over both, and their deletions remove an id from every source.
            foreach (var (name, events) in _sources.OrderBy(s => s.Key == EditsSource ? 2 : s.Key == "file" ? 1 : 0).ThenBy(s => s.Key, StringComparer.Ordinal))
            {
                foreach (var e in events)
                {
                    merged[e.Id] = e;
                }
            }

            foreach (var id in _deleted)
            {
                merged.Remove(id);
            }

            _events = [.. merged.Values.OrderBy(e => e.StartUtc).ThenBy(e => e.Id, StringComparer.Ordinal)];
            _problemsBySource[source] = result.Problems;
            _problems = [.. _problemsBySource.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value)];
        }

        LogLoaded(_events.Length, source);
        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Events that have not ended yet, soonest first.</summary>
    public IReadOnlyList<BotEvent> Upcoming(DateTimeOffset now) => [.. _events.Where(e => e.EndUtc > now)];

    /// <summary>Events that have ended, most recent first.</summary>
    public IReadOnlyList<BotEvent> Past(DateTimeOffset now) => [.. _events.Where(e => e.EndUtc <= now).Reverse()];

    /// <summary>The event with this id, or the best title match; null when nothing fits.</summary>
    public BotEvent? Find(string query, DateTimeOffset now)
    {
        var q = (query ?? string.Empty).Trim();
        if (q.Length == 0)
        {
            return null;
        }

        var snapshot = _events;
        var exact = snapshot.FirstOrDefault(e => e.Id.Equals(q, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return exact;
        }

        var words = q.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var matches = snapshot.Where(e => words.All(w =>
                e.Id.Contains(w, StringComparison.OrdinalIgnoreCase)
                || e.Title.Nl.Contains(w, StringComparison.OrdinalIgnoreCase)
                || e.Title.En.Contains(w, StringComparison.OrdinalIgnoreCase)
                || e.Location.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        // Prefer the next upcoming match, else the most recent past one.
        return matches.Where(e => e.EndUtc > now).MinBy(e => e.StartUtc) ?? matches.MaxBy(e => e.StartUtc);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Event catalog: {Problem}")]
    private partial void LogProblem(string problem);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Event catalog has {Count} events after loading {Source}")]
    private partial void LogLoaded(int count, string source);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Could not read the events file {File}")]
    private partial void LogReadFailed(Exception exception, string file);
}
