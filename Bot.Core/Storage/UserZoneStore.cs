using Bot.Core.Kernel;

namespace Bot.Core.Storage;

/// <summary>The time zone each member chose (<c>bot_user_zones</c>), by platform and user id.</summary>
internal sealed class UserZoneStore(BotDatabase database, TimeProvider time)
{
    /// <summary>The IANA id the member chose, or null.</summary>
    public async Task<string?> GetAsync(PlatformId platform, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await BotDatabase.ScalarAsync(connection, null, "SELECT zone FROM bot_user_zones WHERE platform = @platform AND user_id = @user", cancellationToken,
            ("platform", platform.ToString()), ("user", userId)) as string;
    }

    public async Task SetAsync(PlatformId platform, string userId, string zoneId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        await using var connection = await database.OpenAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, null, """
            INSERT INTO bot_user_zones (platform, user_id, zone, updated_at) VALUES (@platform, @user, @zone, @now)
            ON CONFLICT (platform, user_id) DO UPDATE SET zone = excluded.zone, updated_at = excluded.updated_at
            """, cancellationToken,
            ("platform", platform.ToString()), ("user", userId), ("zone", zoneId), ("now", time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    /// <summary>Forgets the member's choice; false when there was none.</summary>
    public async Task<bool> RemoveAsync(PlatformId platform, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await BotDatabase.ExecuteAsync(connection, null, "DELETE FROM bot_user_zones WHERE platform = @platform AND user_id = @user", cancellationToken,
            ("platform", platform.ToString()), ("user", userId)) > 0;
    }
}
