using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bot.Core.Content;

/// <summary>The YAML front matter of a page as plain strings.</summary>
internal sealed class FrontMatter
{
    private readonly Dictionary<string, string> _values;

    private FrontMatter(Dictionary<string, string> values) => _values = values;

    public static FrontMatter Empty { get; } = new(new Dictionary<string, string>());

    public string? this[string key] => _values.TryGetValue(key, out var value) ? value : null;

    /// <summary>Parses the YAML text. Throws <see cref="YamlException"/> with a line for bad YAML.</summary>
    public static FrontMatter Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode mapping)
        {
            foreach (var (key, value) in mapping.Children)
            {
                if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value: { } text })
                {
                    values[name] = text.Trim();
                }
            }
        }
        else if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is not YamlScalarNode { Value: null or "" })
        {
            throw new YamlException(stream.Documents[0].RootNode.Start, stream.Documents[0].RootNode.End, "The front matter is not a set of 'key: value' lines.");
        }

        return new FrontMatter(values);
    }
}
