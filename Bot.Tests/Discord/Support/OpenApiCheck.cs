using System.Text.Json;
using Bot.Tests.Support;

namespace Bot.Tests.Discord.Support;

/// <summary>
/// Checks a JSON body against a schema of Discord's OpenAPI description: every property we send must exist
/// with a matching type, and string lengths, array sizes, enums, consts and required fields must hold.
/// </summary>
internal static class OpenApiCheck
{
    private static readonly Lazy<JsonElement> Schemas = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Specs, "discord-openapi.json"))).RootElement.GetProperty("components").GetProperty("schemas").Clone());

    /// <summary>Every problem found, empty when the body fits.</summary>
    public static IReadOnlyList<string> Problems(JsonElement value, string schemaName)
    {
        var problems = new List<string>();
        Check(value, Schemas.Value.GetProperty(schemaName), schemaName, problems);
        return problems;
    }

    /// <summary>The problems against the request body schema of an operation (<c>anyOf</c> of several schemas).</summary>
    public static IReadOnlyList<string> ProblemsAgainstAny(JsonElement value, params string[] schemaNames)
    {
        var all = schemaNames.Select(name => Problems(value, name)).ToList();
        return all.Any(p => p.Count == 0) ? [] : all.SelectMany(p => p).ToList();
    }

    private static void Check(JsonElement value, JsonElement schema, string path, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            Check(value, Schemas.Value.GetProperty(name), path, problems);
            return;
        }

        foreach (var union in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(union, out var branches) && !schema.TryGetProperty("type", out _))
            {
                var results = branches.EnumerateArray().Select(b =>
                {
                    var p = new List<string>();
                    Check(value, b, path, p);
                    return p;
                }).ToList();
                if (results.All(r => r.Count > 0))
                {
                    problems.Add($"{path}: fits none of the {union} branches ({string.Join("; ", results.SelectMany(r => r).Distinct().Take(4))})");
                }

                return;
            }
        }

        if (schema.TryGetProperty("allOf", out var allOf) && !schema.TryGetProperty("type", out _))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Check(value, part, path, problems);
            }
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!];
            if (!types.Any(t => Fits(value, t)))
            {
                problems.Add($"{path}: {value.ValueKind} where the schema wants {string.Join("|", types)}");
                return;
            }
        }

        if (schema.TryGetProperty("enum", out var enumValues) && value.ValueKind == JsonValueKind.Number
            && !enumValues.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Number && e.GetInt64() == value.GetInt64()))
        {
            problems.Add($"{path}: {value} is not one of {enumValues}");
        }

        if (schema.TryGetProperty("const", out var constant) && constant.ToString() != value.ToString())
        {
            problems.Add($"{path}: {value} is not {constant}");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var length = value.GetString()!.Length;
                if (schema.TryGetProperty("maxLength", out var max) && length > max.GetInt32())
                {
                    problems.Add($"{path}: {length} characters, more than {max}");
                }

                if (schema.TryGetProperty("minLength", out var min) && length < min.GetInt32())
                {
                    problems.Add($"{path}: {length} characters, fewer than {min}");
                }

                if (schema.TryGetProperty("format", out var format) && format.GetString() == "date-time"
                    && !DateTimeOffset.TryParseExact(value.GetString(), ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
                {
                    problems.Add($"{path}: \"{value.GetString()}\" is not an RFC 3339 date-time");
                }

                break;
            case JsonValueKind.Array:
                if (schema.TryGetProperty("maxItems", out var maxItems) && value.GetArrayLength() > maxItems.GetInt32())
                {
                    problems.Add($"{path}: {value.GetArrayLength()} items, more than {maxItems}");
                }

                if (schema.TryGetProperty("items", out var items))
                {
                    var i = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        Check(item, items, $"{path}[{i++}]", problems);
                    }
                }

                break;
            case JsonValueKind.Object:
                schema.TryGetProperty("properties", out var properties);
                schema.TryGetProperty("additionalProperties", out var additional);
                foreach (var property in value.EnumerateObject())
                {
                    if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                    {
                        Check(property.Value, propertySchema, $"{path}.{property.Name}", problems);
                    }
                    else if (additional.ValueKind == JsonValueKind.Object)
                    {
                        Check(property.Value, additional, $"{path}.{property.Name}", problems);
                    }
                    else
                    {
                        problems.Add($"{path}.{property.Name}: not in the schema");
                    }
                }

                if (schema.TryGetProperty("required", out var required))
                {
                    foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                    {
                        if (!value.TryGetProperty(name, out _))
                        {
                            problems.Add($"{path}.{name}: required but missing");
                        }
                    }
                }

                break;
            default:
                break;
        }
    }

    private static bool Fits(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };
}
