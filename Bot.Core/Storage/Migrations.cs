namespace Bot.Core.Storage;

/// <summary>
/// Our schema, one entry per version. Never edit a released version: add the next one. Times are
/// Unix milliseconds (BIGINT) so both databases store and compare them the same way.
/// </summary>
internal static class Migrations
{
    private const string IdColumn = "{id}";
    private const string BlobColumn = "{blob}";

    /// <summary>Every version's statements, in order; <c>{id}</c> becomes the dialect's auto id.</summary>
    public static IReadOnlyList<string[]> All { get; } =
    [
        // Version 1.
        [
            """
            CREATE TABLE bot_subscriptions (
                platform TEXT NOT NULL,
                chat_id TEXT NOT NULL,
                chat_kind TEXT NOT NULL,
                topics BIGINT NOT NULL,
                language TEXT NOT NULL,
                paused BIGINT NOT NULL DEFAULT 0,
                paused_reason TEXT NULL,
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (platform, chat_id))
            """,
            """
            CREATE TABLE bot_outbox (
                dedup_key TEXT PRIMARY KEY,
                platform TEXT NOT NULL,
                chat_id TEXT NOT NULL,
                chat_kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                event_id TEXT NULL,
                due_at BIGINT NOT NULL,
                expires_at BIGINT NULL,
                status TEXT NOT NULL,
                attempts BIGINT NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                claimed_by TEXT NULL,
                claimed_at BIGINT NULL,
                sent_at BIGINT NULL,
                last_error TEXT NULL,
                created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX bot_outbox_due ON bot_outbox (status, next_attempt_at)",
            $"""
            CREATE TABLE bot_event_edits (
                id {IdColumn},
                event_id TEXT NOT NULL,
                yaml TEXT NOT NULL,
                deleted BIGINT NOT NULL DEFAULT 0,
                edited_by TEXT NOT NULL,
                edited_at BIGINT NOT NULL)
            """,
            $"""
            CREATE TABLE bot_audit (
                id {IdColumn},
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                detail TEXT NOT NULL)
            """,
        ],

        // Version 2: moderators' announcements (preview, confirm, schedule, cancel).
        [
            $"""
            CREATE TABLE bot_announcements (
                id {IdColumn},
                created_by TEXT NOT NULL,
                created_by_name TEXT NOT NULL,
                origin TEXT NOT NULL,
                markdown TEXT NOT NULL,
                mass_mention TEXT NOT NULL,
                due_at BIGINT NULL,
                status TEXT NOT NULL,
                channels BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                decided_at BIGINT NULL)
            """,
            "CREATE INDEX bot_announcements_status ON bot_announcements (status, due_at)",
        ],

        // Version 3: delivery workers check in, so the others know when one died mid-send.
        [
            """
            CREATE TABLE bot_workers (
                worker_id TEXT PRIMARY KEY,
                last_seen BIGINT NOT NULL)
            """,
        ],

        // Version 4: the parts of a long post that arrived before an attempt failed are not sent again.
        [
            "ALTER TABLE bot_outbox ADD COLUMN parts_sent BIGINT NOT NULL DEFAULT 0",
        ],

        // Version 5: buttons carry an opaque token; what a press does is here, so any node can answer it after a restart.
        [
            """
            CREATE TABLE bot_buttons (
                token TEXT PRIMARY KEY,
                command TEXT NOT NULL,
                payload TEXT NOT NULL,
                follow_up BIGINT NOT NULL,
                issued_to TEXT NOT NULL,
                platform TEXT NOT NULL,
                chat_id TEXT NOT NULL,
                chat_kind TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX bot_buttons_expiry ON bot_buttons (expires_at)",
        ],

        // Version 6: a row names the kind of its payload, so the feature that queued it renders it. The
        // rows of before had one shape for all: announcements (keys announcement:…) used only its Markdown
        // and mass mention, every other row only its paragraphs, time, place and link, the reminder's.
        [
            "ALTER TABLE bot_outbox ADD COLUMN payload_kind TEXT NOT NULL DEFAULT ''",
            "UPDATE bot_outbox SET payload_kind = CASE WHEN substr(dedup_key, 1, 13) = 'announcement:' THEN 'announcement' ELSE 'reminder' END",
        ],

        // Version 7: on PostgreSQL a node that does not lead hands the updates it receives (webhooks) to the leader.
        [
            $"""
            CREATE TABLE bot_inbox (
                id {IdColumn},
                platform TEXT NOT NULL,
                payload TEXT NOT NULL,
                received_at BIGINT NOT NULL)
            """,
        ],

        // Version 8: the copy of each catalog event in a server's own event list (a platform feature), so a
        // restart, a crash after the platform created one, or a second node never makes a second copy.
        [
            """
            CREATE TABLE bot_scheduled_events (
                guild_id TEXT NOT NULL,
                event_id TEXT NOT NULL,
                scheduled_event_id TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                synced_at BIGINT NOT NULL,
                PRIMARY KEY (guild_id, event_id))
            """,
        ],

        // Version 9: the time zone a member chose (/tijdzone) for the times in their private chats.
        [
            """
            CREATE TABLE bot_user_zones (
                platform TEXT NOT NULL,
                user_id TEXT NOT NULL,
                zone TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (platform, user_id))
            """,
        ],

        // Version 10: the last good copy of each event feed (so a feed that is down at start still has its
        // events, and a conditional GET can get 304), and the SEQUENCE of each event in /events.ics.
        [
            """
            CREATE TABLE bot_feed_cache (
                url TEXT PRIMARY KEY,
                etag TEXT NULL,
                last_modified TEXT NULL,
                body TEXT NOT NULL,
                fetched_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE bot_calendar_uids (
                uid TEXT PRIMARY KEY,
                fingerprint TEXT NOT NULL,
                sequence BIGINT NOT NULL,
                changed_at BIGINT NOT NULL)
            """,
        ],

        // Version 11: the platform's ids of the messages a post became (space-separated, one per part), so it can
        // be edited or deleted; a row that changes a post waits (after_key) until that post is no longer under way;
        // moderators' edits and retractions of announcements; the names of chats, for reports.
        [
            "ALTER TABLE bot_outbox ADD COLUMN message_ids TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE bot_outbox ADD COLUMN after_key TEXT NULL",
            $"""
            CREATE TABLE bot_announcement_changes (
                id {IdColumn},
                announcement_id BIGINT NOT NULL,
                kind TEXT NOT NULL,
                markdown TEXT NULL,
                created_by TEXT NOT NULL,
                origin TEXT NOT NULL,
                status TEXT NOT NULL,
                channels BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                decided_at BIGINT NULL)
            """,
            """
            CREATE TABLE bot_chat_names (
                platform TEXT NOT NULL,
                chat_id TEXT NOT NULL,
                name TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (platform, chat_id))
            """,
        ],

        // Version 12: an announcement may carry one image, fetched and checked once and stored here (a restart
        // resends from these bytes); each platform's own reference to its first upload (a file id) is
        // kept beside it, so later chats reuse it instead of uploading again.
        [
            $"""
            CREATE TABLE bot_images (
                id {IdColumn},
                sha256 TEXT NOT NULL UNIQUE,
                content_type TEXT NOT NULL,
                width BIGINT NOT NULL,
                height BIGINT NOT NULL,
                bytes {BlobColumn} NOT NULL,
                created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE bot_image_refs (
                image_id BIGINT NOT NULL,
                platform TEXT NOT NULL,
                reference TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (image_id, platform))
            """,
            "ALTER TABLE bot_announcements ADD COLUMN image_id BIGINT NULL",
        ],

        // Version 13: a chat's live countdown, one per chat. Its message is the outbox post post_key (whose
        // message_ids hold the platform's id); edits are change rows for that post, so the key is all it needs.
        [
            """
            CREATE TABLE bot_countdowns (
                platform TEXT NOT NULL,
                chat_id TEXT NOT NULL,
                chat_kind TEXT NOT NULL,
                language TEXT NOT NULL,
                post_key TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (platform, chat_id))
            """,
        ],

        // Version 14: a post that brings back a message a member deleted (a live countdown's) is a row of its own,
        // named in replaced_by of the post it replaces, so its send is claimed and marked like any other and later
        // changes follow it; and the W3C traceparent of the activity that queued a row, so its send joins that trace.
        [
            "ALTER TABLE bot_outbox ADD COLUMN replaced_by TEXT NULL",
            "ALTER TABLE bot_outbox ADD COLUMN traceparent TEXT NULL",
        ],

        // Version 15: the message a moderator confirmed a large broadcast on, edited with its progress (its edits are
        // the outbox row progress_key, queued again as the broadcast goes on); done once the final count is queued.
        [
            """
            CREATE TABLE bot_broadcast_progress (
                announcement_id BIGINT PRIMARY KEY,
                platform TEXT NOT NULL,
                chat_id TEXT NOT NULL,
                chat_kind TEXT NOT NULL,
                message_ref TEXT NOT NULL,
                language TEXT NOT NULL,
                last_text TEXT NULL,
                done INTEGER NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL)
            """,
        ],
    ];

    /// <summary>The statements of one version for one database.</summary>
    public static IEnumerable<string> For(int version, StorageProvider provider)
    {
        var id = provider == StorageProvider.Postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
        var blob = provider == StorageProvider.Postgres ? "BYTEA" : "BLOB";
        return All[version - 1].Select(s => s.Replace(IdColumn, id, StringComparison.Ordinal).Replace(BlobColumn, blob, StringComparison.Ordinal));
    }
}
