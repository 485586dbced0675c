using System.Globalization;
using Bot.Core.Kernel;

namespace Bot.Core.Moderation;

/// <summary>What a moderator is told about an announcement's image, in their language.</summary>
internal static class ImageTexts
{
    /// <summary>Why the image was refused, and what to do instead.</summary>
    public static string Problem(ImageProblem problem, UiLanguage language, long maxBytes, ImageFormat? format) => problem switch
    {
        ImageProblem.BadUrl => ModerationTexts.Pick(language,
            "Geef de afbeelding als https-adres, bijvoorbeeld: /aankondiging --afbeelding https://pauseai.info/flyer.png Morgen protest! (een adres dat naar http doorverwijst telt niet).",
            "Give the image as an https address, for example: /announce --image https://pauseai.info/flyer.png Protest tomorrow! (an address that redirects to http does not count)."),
        ImageProblem.PrivateAddress => ModerationTexts.Pick(language,
            "Dat adres wijst naar een intern netwerk; de bot haalt alleen afbeeldingen van openbare websites.",
            "That address points into an internal network; the bot only fetches images from public websites."),
        ImageProblem.TooBig => ModerationTexts.Pick(language,
            $"De afbeelding is te groot: hooguit {Megabytes(maxBytes)} MB.",
            $"The image is too big: {Megabytes(maxBytes)} MB at most."),
        ImageProblem.NotAnImage => ModerationTexts.Pick(language,
            "Dat is geen afbeelding (PNG, JPEG, GIF of WebP), wat de naam ook zegt.",
            "That is not an image (PNG, JPEG, GIF or WebP), whatever its name says."),
        ImageProblem.BadDimensions => ModerationTexts.Pick(language,
            $"Die afbeelding ({Size(format)}) kunnen de platforms niet tonen: breedte plus hoogte hooguit 10.000 pixels, en niet meer dan 20 keer zo breed als hoog.",
            $"The platforms cannot show that image ({Size(format)}): width plus height at most 10,000 pixels, and no more than 20 times as wide as high."),
        ImageProblem.Timeout => ModerationTexts.Pick(language,
            "De website van de afbeelding antwoordde niet op tijd. Probeer het later nog eens, of stuur de afbeelding mee.",
            "The image's website did not answer in time. Try again later, or send the image along."),
        _ => ModerationTexts.Pick(language,
            "De afbeelding kon niet worden opgehaald (de website gaf een fout of was onbereikbaar).",
            "The image could not be fetched (the website gave an error or could not be reached)."),
    };

    /// <summary>The preview's line about the image it carries.</summary>
    public static string Attached(ImageFormat format, UiLanguage language) => ModerationTexts.Pick(language,
        $"Met afbeelding: {Kind(format)}, {Size(format)}.",
        $"With image: {Kind(format)}, {Size(format)}.");

    private static string Kind(ImageFormat format) => format.Extension.ToUpperInvariant();

    private static string Size(ImageFormat? format) => format is null ? "?" : string.Create(CultureInfo.InvariantCulture, $"{format.Width}×{format.Height}");

    private static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("0.#", CultureInfo.InvariantCulture);
}
