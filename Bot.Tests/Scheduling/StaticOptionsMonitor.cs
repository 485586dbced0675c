using Microsoft.Extensions.Options;

namespace Bot.Tests.Scheduling;

/// <summary>An options monitor whose value never changes.</summary>
internal sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
