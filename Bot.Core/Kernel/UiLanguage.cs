namespace Bot.Core.Kernel;

/// <summary>The languages the bot's own texts are written in.</summary>
public enum UiLanguage
{
    Nl,
    En,
}
