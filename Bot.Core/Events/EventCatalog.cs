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
    private readonly TimeProvider _time;
    private readonly RecurrenceWindow _window;
    private ImmutableArray<BotEvent> _events = [];
    private ImmutableArray<BotEvent> _definitions = [];
    private ImmutableArray<CatalogProblem> _problems = [];
    private ImmutableArray<CatalogProblem> _mergeProblems = [];
    private HashSet<string> _deleted = new(StringComparer.OrdinalIgnoreCase);

    public EventCatalog(ILogger<EventCatalog> logger, string? file = null, bool fileRequired = false, TimeProvider? time = null, RecurrenceWindow? window = null)
    {
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _window = window ?? RecurrenceWindow.Default;
        File = file;
        FileRequired = fileRequired;
    }

    /// <summary>Raised after the catalog changed (on a thread-pool or watcher thread).</summary>
    public event EventHandler? Changed;

    /// <summary>The events file, when the catalog reads one.</summary>
    public string? File { get; }

    /// <summary>The settings name the file explicitly (<c>Events:File</c>): a missing file is an error, not "no events".</summary>
    public bool FileRequired { get; }

    /// <summary>
    /// Every event, ordered by start: single events as they are, repeating ones as their occurrences
    /// inside the expansion window (each with its own id, <c>{series}@{yyyyMMddTHHmm}</c>).
    /// </summary>
    public ImmutableArray<BotEvent> All => _events;

    /// <summary>The events as defined (a repeating event once, with its <see cref="BotEvent.Recurrence"/>), ordered by first start.</summary>
    public ImmutableArray<BotEvent> Definitions => _definitions;

    /// <summary>The defined event (a single event or a series) with this id; null when there is none.</summary>
    public BotEvent? FindDefinition(string id) => _definitions.FirstOrDefault(e => e.Id.Equals(id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The entries skipped at the last load of each source.</summary>
    public ImmutableArray<CatalogProblem> Problems => _problems;

    /// <summary>
    /// Reads the events file again. Returns null when it loaded (entries with a mistake are skipped and
    /// listed in <see cref="Problems"/>); returns the one problem when the file as a whole could not be
    /// used (a YAML syntax error, or a missing file the settings named): the catalog then keeps the
    /// events it had. A missing default file means no events from it.
    /// </summary>
    public CatalogProblem? Reload()
    {
        if (File is null)
        {
            return null;
        }

        var name = Path.GetFileName(File);
        string text;
        try
        {
            if (!System.IO.File.Exists(File))
            {
                if (FileRequired)
                {
                    return new CatalogProblem(File, 0, "Events:File names this file, but it does not exist (fix the path, or leave Events:File out to use events.yaml in the content folder).");
                }

                LogNoFile(File);
                text = string.Empty;
            }
            else
            {
                text = System.IO.File.ReadAllText(File);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The editor may still hold the file; the watcher calls again on the next change.
            LogReadFailed(File, ex.Message);
            return new CatalogProblem(File, 0, "the events file could not be read: " + ex.Message);
        }

        var result = EventYamlParser.Parse(text, name);
        if (result.Unreadable)
        {
            // Keep the last good events: a half-saved file must not remove every reminder.
            return result.Problems[0] with { Source = File };
        }

        SetSource("file", result);
        return null;
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
            _problemsBySource[source] = result.Problems;
            Merge();
        }

        LogLoaded(_events.Length, source);
        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>
    /// Expands the repeating events again for the current time (the window moves on: a new week of a
    /// weekly meetup comes into view). Raises <see cref="Changed"/> only when the occurrences changed.
    /// </summary>
    public bool Refresh()
    {
        bool changed;
        lock (_gate)
        {
            var before = _events;
            Merge();
            changed = before.Length != _events.Length || before.Zip(_events).Any(p => p.First.Id != p.Second.Id || p.First.StartUtc != p.Second.StartUtc);
        }

        if (changed)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }

        return changed;
    }

    /// <summary>Merges the sources by id and expands the repeating events; call under the lock.</summary>
    private void Merge()
    {
        var merged = new Dictionary<string, BotEvent>(StringComparer.OrdinalIgnoreCase);
        var owner = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var mergeProblems = new List<CatalogProblem>();
        // The file wins over feeds for the same id: moderators correct feeds in the file.
        // Moderators' runtime edits win over both, and their deletions remove an id from every source.
        // Between two feeds the first (by URL) keeps an id both use, and the other is told.
        foreach (var (name, events) in _sources.OrderBy(s => s.Key == EditsSource ? 2 : s.Key == "file" ? 1 : 0).ThenBy(s => s.Key, StringComparer.Ordinal))
        {
            var isFeed = name is not (EditsSource or "file");
            foreach (var e in events)
            {
                if (isFeed && owner.TryGetValue(e.Id, out var first) && first != name)
                {
                    mergeProblems.Add(new CatalogProblem(name, 0, $"event '{e.Id}' (UID) is also in {first}; the copy there is used"));
                    continue;
                }

                merged[e.Id] = e;
                owner[e.Id] = name;
            }
        }

        foreach (var id in _deleted)
        {
            merged.Remove(id);
        }

        _definitions = [.. merged.Values.OrderBy(e => e.StartUtc).ThenBy(e => e.Id, StringComparer.Ordinal)];
        var now = _time.GetUtcNow();
        var occurrences = new List<BotEvent>();
        foreach (var series in _definitions)
        {
            var expanded = RecurrenceExpander.Expand(series, now, _window, out var problem);
            if (problem is not null)
            {
                mergeProblems.Add(new CatalogProblem(series.Source.Length > 0 ? series.Source : owner[series.Id], 0, $"event '{series.Id}' skipped: 'repeat' {problem}"));
            }

            occurrences.AddRange(expanded.Where(o => !_deleted.Contains(o.Id)));
        }

        _events = [.. occurrences.OrderBy(e => e.StartUtc).ThenBy(e => e.Id, StringComparer.Ordinal)];
        foreach (var problem in mergeProblems.Where(p => !_mergeProblems.Contains(p)))
        {
            LogProblem(problem.ToString());
        }

        _mergeProblems = [.. mergeProblems];
        _problems = [.. _problemsBySource.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value).Concat(_mergeProblems)];
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

        // A series by its id: its next occurrence, else its last one.
        var series = snapshot.Where(e => q.Equals(e.SeriesId, StringComparison.OrdinalIgnoreCase)).ToList();
        if (series.Count > 0)
        {
            return series.Where(e => e.EndUtc > now).MinBy(e => e.StartUtc) ?? series.MaxBy(e => e.StartUtc);
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

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Could not read the events file {File}: {Reason}")]
    private partial void LogReadFailed(string file, string reason);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "No events file at {File}: the bot knows no events and sends no reminders until it exists")]
    private partial void LogNoFile(string file);
}
