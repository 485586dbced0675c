namespace Bot.Core.Kernel;

/// <summary>A short text in each UI language the bot speaks.</summary>
/// <param name="Nl">Dutch.</param>
/// <param name="En">English.</param>
public sealed record LocalizedText(string Nl, string En)
{
    /// <summary>The text for a UI language (<see cref="UiLanguage"/>).</summary>
    public string For(UiLanguage language) => language == UiLanguage.En ? En : Nl;
}
