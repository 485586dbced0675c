using System.Diagnostics;

namespace Bot.Core.Diagnostics;

/// <summary>
/// Named places in the delivery pipeline where the crash tests kill the process, as <c>kill -9</c> would.
/// <c>BOT_FAULT=name</c> (or <c>name:N</c>, the N-th time it is reached) arms one; with
/// <c>BOT_FAULT_ONCE=path</c> only the first process that creates that file dies (two nodes, one crash).
/// The variables are read once; unset, a fault point is one comparison with null.
/// </summary>
internal static class FaultPoint
{
    /// <summary>A reminder's trigger fired; its outbox rows are not written yet.</summary>
    public const string ReminderFired = "reminder-fired";

    /// <summary>A reminder's outbox rows are committed; the job has not completed.</summary>
    public const string ReminderQueued = "reminder-queued";

    /// <summary>A scheduled announcement's trigger fired; its rows are not written yet.</summary>
    public const string AnnouncementFired = "announcement-fired";

    /// <summary>A scheduled announcement's rows are committed; the job has not completed.</summary>
    public const string AnnouncementQueued = "announcement-queued";

    /// <summary>The platform accepted a row; it is not yet marked sent.</summary>
    public const string Accepted = "accepted";

    /// <summary>A row was marked sent.</summary>
    public const string Sent = "sent";

    /// <summary>A platform published a post to the chats that follow its chat; the publication is not yet marked done.</summary>
    public const string Published = "published";

    /// <summary>A platform created a server's copy of an event; the link to it is not stored yet.</summary>
    public const string ScheduledEventCreated = "scheduled-event-created";

    private static readonly (string Name, int Hit)? Armed = Parse(Environment.GetEnvironmentVariable("BOT_FAULT"));
    private static readonly string? OnceFile = Environment.GetEnvironmentVariable("BOT_FAULT_ONCE");
    private static int _reached;

    /// <summary>Kills the process here when this fault point is armed and reached for the armed time.</summary>
    public static void Reach(string name)
    {
        if (Armed is not { } armed || armed.Name != name || Interlocked.Increment(ref _reached) != armed.Hit)
        {
            return;
        }

        if (OnceFile is not null)
        {
            try
            {
                using var claim = new FileStream(OnceFile, FileMode.CreateNew);
            }
            catch (IOException)
            {
                return; // another process died here already
            }
        }

        Console.Error.WriteLine($"fault point {name} reached: killing the process");
        using var self = Process.GetCurrentProcess();
        self.Kill(); // SIGKILL: nothing is flushed, disposed or committed, as with kill -9
    }

    private static (string, int)? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (value.Trim(), 1)
            : (value[..colon].Trim(), int.Parse(value[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
