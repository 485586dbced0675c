using System.Reflection;
using System.Runtime.CompilerServices;
using Xunit;

namespace Bot.Tests;

public sealed class ArchitectureTests
{
    private static readonly Assembly[] Ours =
    [
        typeof(Bot.Core.Commands.CommandRouter).Assembly,
        typeof(Bot.Host.BotProgram).Assembly,
        Assembly.Load("Bot.Discord"),
        Assembly.Load("Bot.Telegram"),
    ];

    [Fact]
    public void The_core_references_no_platform_package()
    {
        var references = typeof(Bot.Core.Commands.CommandRouter).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => r.StartsWith("Telegram", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(references, r => r.StartsWith("Bot.Discord", StringComparison.Ordinal) || r.StartsWith("Bot.Telegram", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void No_method_is_async_void()
    {
        var offenders = Ours
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(void) && m.GetCustomAttribute<AsyncStateMachineAttribute>() is not null)
            .Select(m => $"{m.DeclaringType}.{m.Name}")
            .ToList();

        Assert.Empty(offenders);
    }
}
