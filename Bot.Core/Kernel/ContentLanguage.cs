namespace Bot.Core.Kernel;

/// <summary>Which pages to answer from for a UI language.</summary>
internal static class ContentLanguage
{
    public static string Of(UiLanguage language) => language == UiLanguage.En ? "en" : "nl";
}
