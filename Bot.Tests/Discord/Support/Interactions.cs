namespace Bot.Tests.Discord.Support;

/// <summary>INTERACTION_CREATE payloads shaped like Discord's documented examples.</summary>
internal static class Interactions
{
    public const string Member = """{"user":{"id":"53908232506183680","username":"mason","global_name":"Mason"},"roles":[],"permissions":"2147483647","nick":null}""";
    public const string PlainMember = """{"user":{"id":"42","username":"member"},"roles":[],"permissions":"1024","nick":"Mem"}""";

    public static string Command(string id, string name, string optionsJson = "[]", string locale = "en-US", string member = PlainMember) => $$$"""
        {"id":"{{{id}}}","application_id":"111","type":2,"token":"token-{{{id}}}","version":1,
         "guild_id":"290926798626357999","channel_id":"645027906669510667","app_permissions":"442368",
         "guild_locale":"nl","locale":"{{{locale}}}","member":{{{member}}},
         "data":{"id":"771825006014889984","name":"{{{name}}}","type":1,"options":{{{optionsJson}}}}}
        """;

    public static string StringOption(string name, string value, bool focused = false) =>
        $$$"""[{"type":3,"name":"{{{name}}}","value":{{{System.Text.Json.JsonSerializer.Serialize(value)}}}{{{(focused ? ",\"focused\":true" : string.Empty)}}}}]""";

    public static string Autocomplete(string id, string name, string typed, string locale = "nl") => $$$"""
        {"id":"{{{id}}}","application_id":"111","type":4,"token":"token-{{{id}}}","version":1,
         "guild_id":"290926798626357999","channel_id":"645027906669510667","locale":"{{{locale}}}","member":{{{PlainMember}}},
         "data":{"id":"771825006014889984","name":"{{{name}}}","type":1,"options":{{{StringOption("name", typed, focused: true)}}}}}
        """;

    public static string Button(string id, string customId) => $$$"""
        {"id":"{{{id}}}","application_id":"111","type":3,"token":"token-{{{id}}}","version":1,
         "channel_id":"645027906669510667","locale":"nl","user":{"id":"77","username":"dm-user"},
         "data":{"custom_id":"{{{customId}}}","component_type":2}}
        """;
}
