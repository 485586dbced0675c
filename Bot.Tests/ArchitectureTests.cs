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
    public void The_core_names_no_platform_not_even_in_a_comment()
    {
        var core = Path.Combine(Bot.Tests.Support.TestPaths.RepoRoot, "Bot.Core");
        var naming = Directory.GetFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(core, f), Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains("telegram", StringComparison.OrdinalIgnoreCase) || l.Text.Contains("discord", StringComparison.OrdinalIgnoreCase))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Empty(naming);
    }

    [Fact]
    public void Only_ui_cultures_makes_a_named_culture()
    {
        // The process runs without ICU, where any named culture throws at run time; Bot.Core/Kernel/UiCultures builds ours.
        string[] making = ["GetCultureInfo(", "new CultureInfo(", "CreateSpecificCulture(", "GetCultures("];
        var root = Bot.Tests.Support.TestPaths.RepoRoot;
        var offenders = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(f) is not ("UiCultures.cs" or "ArchitectureTests.cs"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => making.Any(m => l.Text.Contains(m, StringComparison.Ordinal)))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Empty(offenders);
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
