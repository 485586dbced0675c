using System.Text.Json.Serialization;

namespace Bot.Discord.Api;

/// <summary>Source-generated JSON for every wire record (no reflection at run time).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(GatewayPayload))]
[JsonSerializable(typeof(GatewayCommand<IdentifyData>))]
[JsonSerializable(typeof(GatewayCommand<ResumeData>))]
[JsonSerializable(typeof(GatewayCommand<long?>))]
[JsonSerializable(typeof(HelloData))]
[JsonSerializable(typeof(ReadyData))]
[JsonSerializable(typeof(GatewayBotResponse))]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(AutocompleteResponse))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationCommand>))]
[JsonSerializable(typeof(List<ApplicationCommand>))]
[JsonSerializable(typeof(CurrentApplication))]
[JsonSerializable(typeof(DiscordError))]
[JsonSerializable(typeof(CreatedMessage))]
[JsonSerializable(typeof(ChannelInfo))]
[JsonSerializable(typeof(GuildInfo))]
[JsonSerializable(typeof(List<MyGuild>))]
[JsonSerializable(typeof(List<GuildRole>))]
[JsonSerializable(typeof(GuildMemberRoles))]
[JsonSerializable(typeof(CurrentUser))]
[JsonSerializable(typeof(ScheduledEventBody))]
[JsonSerializable(typeof(ScheduledEvent))]
[JsonSerializable(typeof(List<ScheduledEvent>))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext;
