using Bot.Core.Kernel;

namespace Bot.Core.Commands;

/// <summary>The moderator checks of the platforms registered in this process, asked by chat platform.</summary>
public sealed class ModeratorChecks
{
    private readonly Dictionary<PlatformId, IModeratorCheck> _checks = [];

    public ModeratorChecks(IEnumerable<IModeratorCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        foreach (var check in checks)
        {
            if (!_checks.TryAdd(check.Platform, check))
            {
                throw new InvalidOperationException($"The platform {check.Platform} has two moderator checks.");
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="user"/> moderates <paramref name="chat"/>, as the chat's platform says; nobody moderates
    /// a chat of a platform without a check, and evidence from another platform is not passed on. Never cached here.
    /// </summary>
    public ValueTask<bool> IsModeratorAsync(ChatAddress chat, UserRef user, IModeratorEvidence? evidence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return _checks.TryGetValue(chat.Platform, out var check)
            ? check.IsModeratorAsync(chat, user, evidence?.Platform == chat.Platform ? evidence : null, cancellationToken)
            : ValueTask.FromResult(false);
    }
}
