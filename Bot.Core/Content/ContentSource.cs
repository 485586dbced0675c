namespace Bot.Core.Content;

/// <summary>
/// The content index, built once on a thread of its own. The host starts building it first thing
/// (<see cref="ContentPreload"/>), so the database migrates, the scheduler starts and the platforms connect while
/// the pages are indexed; a command that needs it before then waits for it.
/// </summary>
public sealed class ContentSource
{
    private readonly Lazy<Task<ContentIndex>> _loading;

    /// <summary>Content built by <paramref name="load"/> when first asked for.</summary>
    public ContentSource(Func<ContentIndex> load) =>
        _loading = new(() => Task.Factory.StartNew(load, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));

    /// <summary>Content already built.</summary>
    public ContentSource(ContentIndex index) => _loading = new(Task.FromResult(index));

    /// <summary>The index, waiting for it to be built.</summary>
    public ContentIndex Index => Loading().GetAwaiter().GetResult();

    /// <summary>Starts building the index, if nobody has yet.</summary>
    public Task<ContentIndex> Loading() => _loading.Value;
}
