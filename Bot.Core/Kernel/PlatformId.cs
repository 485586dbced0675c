namespace Bot.Core.Kernel;

/// <summary>
/// Which platform a chat lives on: the name a platform registers itself with (<see cref="PlatformDescription"/>)
/// and that storage keeps with every chat. Core knows no platform by name.
/// </summary>
public sealed record PlatformId
{
    /// <summary>A platform id; letters and digits only, so it is safe in row keys and logs.</summary>
    public PlatformId(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"A platform id has letters and digits only (was '{name}').", nameof(name));
        }

        Name = name;
    }

    /// <summary>The stored name (<c>Console</c>).</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
