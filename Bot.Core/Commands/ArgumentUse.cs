namespace Bot.Core.Commands;

/// <summary>Whether a command takes an argument.</summary>
public enum ArgumentUse
{
    None,
    Optional,
    Required,
}
