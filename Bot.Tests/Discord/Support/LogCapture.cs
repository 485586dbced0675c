using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Discord.Support;

/// <summary>Keeps every log line for assertions.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, int EventId, string Message)> Lines { get; } = new();

    private readonly ConcurrentDictionary<int, TaskCompletionSource> _waiters = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <summary>Completes when a line with this event id has been logged.</summary>
    public async Task WaitForAsync(int eventId)
    {
        var waiter = _waiters.GetOrAdd(eventId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Lines.Any(l => l.EventId == eventId))
        {
            return;
        }

        await waiter.Task.WaitAsync(FakeDiscord.Timeout);
    }

    private void Add(LogLevel level, int eventId, string message)
    {
        Lines.Enqueue((level, eventId, message));
        _waiters.GetOrAdd(eventId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Add(logLevel, eventId.Id, formatter(state, exception));
    }
}
