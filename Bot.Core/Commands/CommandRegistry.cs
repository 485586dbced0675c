using System.Collections.Frozen;

namespace Bot.Core.Commands;

/// <summary>The immutable set of commands, built once at start from the registered handlers.</summary>
public sealed class CommandRegistry
{
    private readonly FrozenDictionary<string, ICommandHandler> _byName;

    public CommandRegistry(IEnumerable<ICommandHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        var all = handlers.ToList();
        var byName = new Dictionary<string, ICommandHandler>(StringComparer.OrdinalIgnoreCase);
        foreach (var handler in all)
        {
            if (handler.Descriptor.EnglishName is { } english && !handler.Descriptor.Aliases.Contains(english, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The English name '{english}' of /{handler.Descriptor.Name} must be one of its aliases.");
            }

            foreach (var name in handler.Descriptor.AllNames)
            {
                if (!byName.TryAdd(name, handler))
                {
                    throw new InvalidOperationException($"Two commands are both called '{name}'.");
                }
            }
        }

        _byName = byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Descriptors = all.Select(h => h.Descriptor).ToArray();
    }

    /// <summary>Every command, in registration order (the order <c>/help</c> lists them).</summary>
    public IReadOnlyList<CommandDescriptor> Descriptors { get; }

    /// <summary>Finds the handler for a name or alias, ignoring case.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ICommandHandler? handler) =>
        _byName.TryGetValue(name ?? string.Empty, out handler);
}
