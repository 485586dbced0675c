using Bot.Core;
using Bot.Core.Delivery;
using Bot.Discord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bot.Tests.Discord;

/// <summary>Settings: validated all at once, naming each setting; nothing registered without a token.</summary>
public sealed class DiscordOptionsTests
{
    [Fact]
    public void Reports_every_problem_naming_the_setting()
    {
        var options = new DiscordOptions
        {
            Token = "Bot abc",
            ApiBaseUrl = new Uri("https://discord.com/api/v9"),
            GatewayUrl = new Uri("https://gateway.discord.gg"),
            ApplicationId = "abc",
            GuildId = "x1",
            Mode = DiscordMode.Http,
            PublicKey = "nothex",
            ScheduledEventSyncInterval = TimeSpan.FromSeconds(1),
            ScheduledEventDefaultLength = TimeSpan.Zero,
            InterestedCacheFor = TimeSpan.FromDays(1),
        };

        var result = new DiscordOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        foreach (var setting in new[] { "Discord:Token", "Discord:ApiBaseUrl", "Discord:GatewayUrl", "Discord:ApplicationId", "Discord:GuildId", "Discord:PublicKey", "Discord:ScheduledEventSyncInterval", "Discord:ScheduledEventDefaultLength", "Discord:InterestedCacheFor" })
        {
            Assert.Contains(failures, f => f.StartsWith(setting, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(failures, f => f.Contains("abc", StringComparison.Ordinal) && f.Contains("Token", StringComparison.Ordinal) && f.Contains("Bot abc", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://discord.com/api/v10")]
    [InlineData("https://discord.com/api/v10/")]
    [InlineData("http://127.0.0.1:5000/api/v10")]
    [InlineData("http://127.0.0.1:5000")]
    public void Accepts_a_minimal_configuration(string apiBase)
    {
        var result = new DiscordOptionsValidator().Validate(null, new DiscordOptions { Token = "abc.def.ghi", ApiBaseUrl = new Uri(apiBase) });
        Assert.True(result.Succeeded, string.Join("; ", result.Failures ?? []));
    }

    [Fact]
    public void AddDiscord_does_nothing_without_a_token()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        new BotCoreBuilder(builder).AddDiscord();
        using var host = builder.Build();
        Assert.Empty(host.Services.GetServices<IMessenger>());
        Assert.Empty(host.Services.GetServices<IHostedService>().OfType<DiscordBotService>());
    }

    [Fact]
    public void A_bad_setting_stops_start_up_with_a_clear_message()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = "abc", ["Discord:Mode"] = "Http" });
        new BotCoreBuilder(builder).AddDiscord();
        using var host = builder.Build();
        var error = Assert.Throws<OptionsValidationException>(() => _ = host.Services.GetRequiredService<IOptions<DiscordOptions>>().Value);
        Assert.Contains("Discord:PublicKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_limit_set_under_its_old_name_is_refused_with_the_new_one()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Delivery:DiscordPerSecond"] = "40" }).Build();

        var result = new DiscordOptionsValidator(configuration).Validate(null, new DiscordOptions { Token = "abc.def.ghi" });

        Assert.Equal("Delivery:DiscordPerSecond is now Discord:PerSecond (environment Discord__PerSecond); rename the setting.", Assert.Single(result.Failures!));
    }
}
