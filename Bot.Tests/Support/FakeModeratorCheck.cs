using System.Collections.Concurrent;
using Bot.Core.Commands;
using Bot.Core.Kernel;

namespace Bot.Tests.Support;

/// <summary>A platform's moderator check for tests: says yes for the (chat, user) pairs set, and counts every question.</summary>
internal sealed class FakeModeratorCheck(PlatformId platform) : IModeratorCheck
{
    private readonly ConcurrentDictionary<(string Chat, string User), bool> _moderators = new();
    private int _calls;

    public PlatformId Platform => platform;

    /// <summary>How often the check was asked.</summary>
    public int Calls => _calls;

    /// <summary>Makes <paramref name="user"/> a moderator of <paramref name="chat"/> (or not) from now on.</summary>
    public void Set(ChatAddress chat, string user, bool moderator) => _moderators[(chat.ToString(), user)] = moderator;

    public ValueTask<bool> IsModeratorAsync(ChatAddress chat, UserRef user, IModeratorEvidence? evidence, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return ValueTask.FromResult(_moderators.TryGetValue((chat.ToString(), user.Id), out var yes) && yes);
    }
}
