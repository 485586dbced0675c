using Bot.Core;
using Bot.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Bot.Tests.Telegram;

public sealed class TelegramOptionsTests
{
    [Fact]
    public void Validator_reports_every_problem_naming_the_setting()
    {
        var options = new TelegramOptions
        {
            Token = "oops",
            ApiBaseUrl = new Uri("/relative", UriKind.Relative),
            Mode = TelegramMode.Webhook,
            WebhookUrl = new Uri("http://insecure.example.org/hook"),
            WebhookSecret = "has spaces",
            FloodBurst = 0,
        };

        var result = new TelegramOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(5, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Telegram:Token", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Telegram:ApiBaseUrl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Telegram:WebhookUrl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Telegram:WebhookSecret", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Telegram:FloodBurst", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("oops", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_polling_settings_pass()
    {
        var result = new TelegramOptionsValidator().Validate(null, new TelegramOptions { Token = TelegramTestHost.Token });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Without_a_token_nothing_is_registered()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Telegram:Mode"] = "Webhook" });

        new BotCoreBuilder(builder).AddTelegram();

        Assert.DoesNotContain(builder.Services, d => d.ServiceType.Namespace?.StartsWith("Bot.Telegram", StringComparison.Ordinal) == true || d.ImplementationType?.Namespace?.StartsWith("Bot.Telegram", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(IHostedService));
    }

    [Fact]
    public void A_limit_set_under_its_old_name_is_refused_with_the_new_one()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Delivery:TelegramPerSecond"] = "20" }).Build();

        var result = new TelegramOptionsValidator(configuration).Validate(null, new TelegramOptions { Token = TelegramTestHost.Token });

        Assert.Equal("Delivery:TelegramPerSecond is now Telegram:PerSecond (environment Telegram__PerSecond); rename the setting.", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void A_rate_out_of_range_is_refused(int perSecond)
    {
        var result = new TelegramOptionsValidator().Validate(null, new TelegramOptions { Token = TelegramTestHost.Token, PerSecond = perSecond });

        Assert.Contains($"Telegram:PerSecond must be between 1 and 1000 (was {perSecond}).", result.Failures!);
    }
}
