using System.Data.Common;

namespace Bot.Core.Storage;

/// <summary>Who changed what: subscriptions, pauses, failed deliveries.</summary>
internal static class AuditLog
{
    /// <summary>Writes one audit row inside the caller's transaction.</summary>
    public static Task WriteAsync(DbConnection connection, DbTransaction? transaction, long atUnixMs, string actor, string action, string detail, CancellationToken cancellationToken) =>
        BotDatabase.ExecuteAsync(connection, transaction, "INSERT INTO bot_audit (at, actor, action, detail) VALUES (@at, @actor, @action, @detail)", cancellationToken,
            ("at", atUnixMs), ("actor", actor), ("action", action), ("detail", detail.Length > 1000 ? detail[..1000] : detail));
}
