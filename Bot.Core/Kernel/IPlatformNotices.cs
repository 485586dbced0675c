namespace Bot.Core.Kernel;

/// <summary>
/// What a platform adapter wants moderators to know and act on (a permission it lacks in one place),
/// shown by <c>/status</c>. Each notice is written once per situation; the list is the current state.
/// </summary>
public interface IPlatformNotices
{
    /// <summary>The notices that hold now, in each UI language; empty when all is well.</summary>
    IReadOnlyList<LocalizedText> Current { get; }
}
