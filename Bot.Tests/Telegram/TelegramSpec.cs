using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.Telegram;

/// <summary>
/// Checks a Bot API call against the published method list (telegram-bot-api.json): the method
/// exists, every parameter exists, required ones are there, and values have the declared types,
/// recursively through objects, arrays and union types.
/// </summary>
internal static class TelegramSpec
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Specs, "telegram-bot-api.json"))).RootElement);

    public static IReadOnlyList<string> Validate(string method, JsonObject parameters)
    {
        var problems = new List<string>();
        var methods = Root.Value.GetProperty("methods");
        var match = methods.EnumerateObject().FirstOrDefault(m => m.Name.Equals(method, StringComparison.OrdinalIgnoreCase));
        if (match.Value.ValueKind == JsonValueKind.Undefined)
        {
            problems.Add($"unknown method {method}");
            return problems;
        }

        CheckFields(match.Value, parameters, method, problems);
        return problems;
    }

    private static void CheckFields(JsonElement definition, JsonObject value, string path, List<string> problems)
    {
        var fields = definition.TryGetProperty("fields", out var f) ? f.EnumerateArray().ToList() : [];
        foreach (var (name, node) in value)
        {
            var field = fields.FirstOrDefault(x => x.GetProperty("name").GetString() == name);
            if (field.ValueKind == JsonValueKind.Undefined)
            {
                problems.Add($"{path}.{name}: no such parameter");
                continue;
            }

            var types = field.GetProperty("types").EnumerateArray().Select(t => t.GetString()!).ToList();
            if (!types.Any(t => Matches(t, node, $"{path}.{name}", [])))
            {
                var detail = new List<string>();
                foreach (var t in types)
                {
                    Matches(t, node, $"{path}.{name}", detail);
                }

                problems.Add($"{path}.{name}: {node?.ToJsonString()} is not {string.Join(" or ", types)} ({string.Join("; ", detail)})");
            }
        }

        foreach (var field in fields.Where(x => x.GetProperty("required").GetBoolean()))
        {
            var name = field.GetProperty("name").GetString()!;
            if (!value.ContainsKey(name))
            {
                problems.Add($"{path}.{name}: required but missing");
            }
        }
    }

    private static bool Matches(string type, JsonNode? node, string path, List<string> problems)
    {
        if (node is null)
        {
            return false;
        }

        if (type.StartsWith("Array of ", StringComparison.Ordinal))
        {
            return node is JsonArray array && array.All(item => Matches(type["Array of ".Length..], item, path + "[]", problems));
        }

        switch (type)
        {
            case "String":
                return node.GetValueKind() == JsonValueKind.String;
            case "Integer":
                return node.GetValueKind() == JsonValueKind.Number && node.GetValue<double>() % 1 == 0;
            case "Float":
                return node.GetValueKind() == JsonValueKind.Number;
            case "Boolean":
                return node.GetValueKind() is JsonValueKind.True or JsonValueKind.False;
            case "True":
                return node.GetValueKind() == JsonValueKind.True;
            case "InputFile":
                return node.GetValueKind() == JsonValueKind.String;
        }

        if (!Root.Value.GetProperty("types").TryGetProperty(type, out var definition) || node is not JsonObject obj)
        {
            return false;
        }

        if (definition.TryGetProperty("subtypes", out var subtypes))
        {
            return subtypes.EnumerateArray().Any(s => Matches(s.GetString()!, node, path, problems));
        }

        var inner = new List<string>();
        CheckFields(definition, obj, path, inner);
        problems.AddRange(inner);
        return inner.Count == 0;
    }
}
