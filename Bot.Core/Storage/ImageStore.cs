using System.Globalization;
using System.Security.Cryptography;
using Bot.Core.Kernel;

namespace Bot.Core.Storage;

/// <summary>
/// Checked images in the database (<c>bot_images</c>), stored once by content (the same bytes twice are one row),
/// and each platform's reference to its first upload of one (<c>bot_image_refs</c>: a file id the platform hands back), so
/// every later send reuses it. The last image read is kept in memory: a broadcast reads the same one for every channel.
/// </summary>
internal sealed class ImageStore
{
    private readonly BotDatabase _database;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private (long Id, byte[] Bytes)? _recent;

    public ImageStore(BotDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Stores checked bytes and returns their id (the existing one when the same bytes were stored before).</summary>
    public async Task<long> AddAsync(byte[] bytes, string contentType, int width, int height, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await using var connection = await _database.OpenAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, null, """
            INSERT INTO bot_images (sha256, content_type, width, height, bytes, created_at)
            VALUES (@hash, @type, @width, @height, @bytes, @now) ON CONFLICT (sha256) DO NOTHING
            """, cancellationToken,
            ("hash", hash), ("type", contentType), ("width", (long)width), ("height", (long)height), ("bytes", bytes), ("now", _time.GetUtcNow().ToUnixTimeMilliseconds()));
        return Convert.ToInt64(await BotDatabase.ScalarAsync(connection, null, "SELECT id FROM bot_images WHERE sha256 = @hash", cancellationToken, ("hash", hash)), CultureInfo.InvariantCulture);
    }

    /// <summary>The bytes of image <paramref name="id"/>, or null when there is none.</summary>
    public async Task<byte[]?> ReadAsync(long id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_recent is { } recent && recent.Id == id)
            {
                return recent.Bytes;
            }
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        if (await BotDatabase.ScalarAsync(connection, null, "SELECT bytes FROM bot_images WHERE id = @id", cancellationToken, ("id", id)) is not byte[] bytes)
        {
            return null;
        }

        lock (_gate)
        {
            _recent = (id, bytes);
        }

        return bytes;
    }

    /// <summary>The platform's reference to its upload of image <paramref name="id"/>, or null before the first one.</summary>
    public async Task<string?> ReferenceAsync(long id, PlatformId platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await BotDatabase.ScalarAsync(connection, null, "SELECT reference FROM bot_image_refs WHERE image_id = @id AND platform = @platform", cancellationToken,
            ("id", id), ("platform", platform.ToString())) as string;
    }

    /// <summary>Keeps the platform's reference to its first upload of image <paramref name="id"/> (a second one is ignored).</summary>
    public async Task SetReferenceAsync(long id, PlatformId platform, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, null, """
            INSERT INTO bot_image_refs (image_id, platform, reference, created_at) VALUES (@id, @platform, @reference, @now)
            ON CONFLICT (image_id, platform) DO NOTHING
            """, cancellationToken, ("id", id), ("platform", platform.ToString()), ("reference", reference), ("now", _time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    /// <summary>Forgets <paramref name="reference"/> when it is still the platform's stored one (the platform refused it; another may have replaced it already).</summary>
    public async Task ForgetReferenceAsync(long id, PlatformId platform, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, null, "DELETE FROM bot_image_refs WHERE image_id = @id AND platform = @platform AND reference = @reference", cancellationToken,
            ("id", id), ("platform", platform.ToString()), ("reference", reference));
    }
}
