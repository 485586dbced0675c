using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace Bot.Host.Operations;

/// <summary>
/// Gives back the memory the start-up used. Loading and indexing the content, migrating and scheduling allocate
/// some 40 MB, and no collection runs for a long while after (the first generation's budget follows the CPU cache
/// and the bot then allocates little), so without this the idle process keeps all of it although it holds about
/// 13 MB. Once the start-up work has settled, one compacting collection that returns the free memory to the system,
/// then the same for the C heap, where the JIT and the runtime kept what they freed (glibc returns it only when asked).
/// </summary>
internal sealed class StartupMemoryRelease(IHostApplicationLifetime lifetime, TimeProvider time) : BackgroundService
{
    /// <summary>How long after the host started: the deferred start-up work (reminder sync, feeds) is done by then.</summary>
    internal static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        await Task.Delay(Settle, time, stoppingToken);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
    }

    private static void TrimNativeHeap()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = NativeMethods.malloc_trim(0);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (musl has no malloc_trim): nothing to ask.
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int malloc_trim(nuint pad);
    }
}
