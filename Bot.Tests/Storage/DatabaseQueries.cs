using Bot.Core.Storage;

namespace Bot.Tests.Storage;

/// <summary>Reading the bot's tables from a test.</summary>
internal static class DatabaseQueries
{
    /// <summary>The one number a query such as <c>SELECT COUNT(*) …</c> returns.</summary>
    public static async Task<long> CountAsync(this BotDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return Convert.ToInt64(await BotDatabase.ScalarAsync(connection, null, sql, CancellationToken.None), System.Globalization.CultureInfo.InvariantCulture);
    }
}
