using Bot.Core.Kernel;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bot.Core.Commands;

/// <summary>A summit's place and country in one language (<c>Seoul</c>, <c>Zuid-Korea</c>).</summary>
/// <param name="Place">The city or venue; also what a list's button asks for.</param>
/// <param name="Country">The country.</param>
internal sealed record PlaceName(string Place, string Country);

/// <summary>
/// Where each summit was held, per language, from <c>content/places.yaml</c>: the page headings name a
/// country at most, so a list would otherwise not show Bletchley or Seoul. Keyed by the place groups of
/// <c>aliases.yaml</c> (<see cref="Content.ContentEntity.Place"/>).
/// </summary>
internal sealed class SummitPlaces
{
    public const string FileName = "places.yaml";

    private readonly Dictionary<string, (PlaceName? Nl, PlaceName? En)> _places;

    private SummitPlaces(Dictionary<string, (PlaceName? Nl, PlaceName? En)> places) => _places = places;

    public static SummitPlaces Empty { get; } = new([]);

    /// <summary>The place in the user's language (else the other one), or null when the file does not list it.</summary>
    public PlaceName? For(string? group, UiLanguage language) =>
        group is not null && _places.TryGetValue(group, out var names) ? (language == UiLanguage.En ? names.En ?? names.Nl : names.Nl ?? names.En) : null;

    /// <summary>Reads the file; a missing file is empty, a malformed one is reported in <paramref name="problems"/> and empty.</summary>
    public static SummitPlaces Load(string path, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (!File.Exists(path))
        {
            return Empty;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                return Empty;
            }

            var places = new Dictionary<string, (PlaceName? Nl, PlaceName? En)>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, node) in root.Children)
            {
                var nl = Name(node, "nl");
                var en = Name(node, "en");
                if (nl is null && en is null)
                {
                    problems.Add($"{FileName}:{key.Start.Line}: '{key}' needs nl and/or en with place: and country:.");
                    continue;
                }

                places[key.ToString()] = (nl, en);
            }

            return new SummitPlaces(places);
        }
        catch (YamlException ex)
        {
            problems.Add($"{FileName}:{ex.Start.Line}: bad YAML: {ex.Message}");
            return Empty;
        }
    }

    private static PlaceName? Name(YamlNode node, string language) =>
        node is YamlMappingNode map
        && map.Children.TryGetValue(new YamlScalarNode(language), out var value) && value is YamlMappingNode names
        && Scalar(names, "place") is { Length: > 0 } place && Scalar(names, "country") is { Length: > 0 } country
            ? new PlaceName(place, country)
            : null;

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value?.Trim() : null;
}
