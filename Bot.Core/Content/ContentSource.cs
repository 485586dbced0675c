namespace Bot.Core.Content;

/// <summary>
/// The content index, built once on a thread of its own. The host starts building it first thing
/// (<see cref="ContentPreload"/>), so the database migrates, the scheduler starts and the platforms connect while
/// the pages are indexed; a command that needs it before then waits for it.
/// </summary>
public sealed class ContentSource
{
    private readonly Func<ContentIndex> _load;
    private readonly Lock _gate = new();
    private Task<ContentIndex>? _loading;

    /// <summary>Content built by <paramref name="load"/> when first asked for.</summary>
    public ContentSource(Func<ContentIndex> load) => _load = load;

    /// <summary>Content already built.</summary>
    public ContentSource(ContentIndex index)
    {
        _load = () => index;
        _loading = Task.FromResult(index);
    }

    /// <summary>The index, waiting for it to be built.</summary>
    public ContentIndex Index => Loading().GetAwaiter().GetResult();

    /// <summary>Starts building the index, if nobody has yet.</summary>
    public Task<ContentIndex> Loading()
    {
        lock (_gate)
        {
            return _loading ??= Task.Factory.StartNew(_load, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }
}
