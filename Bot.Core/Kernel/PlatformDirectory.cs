namespace Bot.Core.Kernel;

/// <summary>The platforms registered in this process, by id.</summary>
public sealed class PlatformDirectory
{
    private readonly Dictionary<PlatformId, PlatformDescription> _platforms;

    public PlatformDirectory(IEnumerable<PlatformDescription> platforms)
    {
        ArgumentNullException.ThrowIfNull(platforms);
        _platforms = [];
        foreach (var platform in platforms)
        {
            if (!_platforms.TryAdd(platform.Id, platform))
            {
                throw new InvalidOperationException($"The platform {platform.Id} is registered twice.");
            }
        }
    }

    /// <summary>The registered platforms.</summary>
    public IReadOnlyCollection<PlatformDescription> All => _platforms.Values;

    /// <summary>The description of a platform; one made from its id when it is not registered here.</summary>
    public PlatformDescription Describe(PlatformId id) =>
        _platforms.TryGetValue(id, out var platform) ? platform : PlatformDescription.Unregistered(id);

    /// <summary>The platform's name in a UI language.</summary>
    public string Name(PlatformId id, UiLanguage language) => Describe(id).Name.For(language);
}
