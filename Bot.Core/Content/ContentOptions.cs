namespace Bot.Core.Content;

/// <summary>Where the pages are and how their links are built. Section <c>Content</c>.</summary>
public sealed class ContentOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Content";

    /// <summary>The folder with the Markdown pages, one sub-folder per language. Relative paths are resolved against the working folder, then the app folder.</summary>
    public string Path { get; set; } = "content";

    /// <summary>The website the pages come from; relative links are made absolute on it.</summary>
    public Uri SiteBaseUrl { get; set; } = new("https://pauseai.info");

    /// <summary>The language of the bot's texts and of the answers when a user's language has none (<c>nl</c> or <c>en</c>).</summary>
    public string DefaultLanguage { get; set; } = "nl";

    /// <summary>The language the website itself is written in; its pages have no locale prefix.</summary>
    public string SiteLanguage { get; set; } = "en";

    /// <summary>
    /// Whether translated pages have their own URL (<c>/nl/summit</c>). The live site serves only
    /// English, so translated pages link to the English URL until this is switched on.
    /// </summary>
    public bool LocalizedUrls { get; set; }

    /// <summary>The content folder: absolute, or relative to the working folder, else to the app's folder.</summary>
    public static string ResolveFolder(string configured, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (System.IO.Path.IsPathRooted(configured))
        {
            return configured;
        }

        var fromRoot = System.IO.Path.GetFullPath(configured, contentRoot);
        return Directory.Exists(fromRoot) ? fromRoot : System.IO.Path.GetFullPath(configured, AppContext.BaseDirectory);
    }
}
