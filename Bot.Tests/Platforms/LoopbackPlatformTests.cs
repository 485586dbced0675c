using Bot.Core;
using Bot.Core.Commands;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Kernel;
using Bot.Core.Replies.PlainText;
using Bot.Core.Scheduling;
using Bot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Bot.Tests.Platforms;

/// <summary>A platform the core has never heard of gets answers, reminders and announcements.</summary>
public sealed class LoopbackPlatformTests : IDisposable
{
    private static readonly ChatAddress Group = new(LoopbackPlatform.Id, "room-1", ChatKind.Group);
    private static readonly ChatAddress Member = new(LoopbackPlatform.Id, "ann", ChatKind.Private);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("bot-loopback-");
    private readonly LoopbackPlatform _platform = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    private IHost Build()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = _root.FullName,
            EnvironmentName = "Test",
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Content:Path"] = TestPaths.Content,
            ["Scheduler:InMemory"] = "true",
            ["Delivery:PollInterval"] = "00:00:00.100",
            ["Events:File"] = EventsFile(),
        });
        builder.AddBotCore().AddLoopback(_platform);
        return builder.Build();
    }

    /// <summary>One protest three days from now, so its 7-day reminder is due.</summary>
    private string EventsFile()
    {
        var start = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(3).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var file = Path.Combine(_root.FullName, "events.yaml");
        File.WriteAllText(file, $"""
            events:
              - id: plein-actie
                kind: protest
                title:
                  nl: Actie op het plein
                  en: Action on the square
                start: {start}
                timezone: Europe/Amsterdam
                location: Den Haag
                reminders: [7d, 1d]
            """);
        return file;
    }

    [Fact]
    public async Task A_new_platform_plugs_in_and_gets_answers_reminders_and_announcements()
    {
        using var host = Build();
        await host.StartAsync();
        var router = host.Services.GetRequiredService<CommandRouter>();

        // An answer.
        var summit = await router.RouteAsync(LoopbackPlatform.Request("/summit seoul", Member, "ann"), CancellationToken.None);
        Assert.False(summit.IsError);
        Assert.Contains("Zuid-Korea", Bot.Core.Replies.PlainText.PlainTextReplyFormatter.Format(summit), StringComparison.Ordinal);

        // A subscription, named the way the platform names its chats.
        var subscribe = await router.RouteAsync(LoopbackPlatform.Request("/abonneer alles", Group, "mod"), CancellationToken.None);
        Assert.False(subscribe.IsError, PlainTextReplyFormatter.Format(subscribe));
        var mine = await router.RouteAsync(LoopbackPlatform.Request("/abonnementen", Group, "mod"), CancellationToken.None);
        Assert.Contains("dit kanaal krijgt herinneringen", PlainTextReplyFormatter.Format(mine), StringComparison.OrdinalIgnoreCase);

        // A reminder for the next event reaches the group through the platform's messenger.
        Assert.Equal(1, await host.Services.GetRequiredService<ReminderPoster>().PostAsync("plein-actie", CancellationToken.None));
        await WaitUntilAsync(() => _platform.Sent.Any(s => s.Chat == Group && s.Text.Contains("Actie op het plein", StringComparison.Ordinal)));

        // An announcement: preview for the moderator, the confirm button, then the group gets it.
        var preview = await router.RouteAsync(LoopbackPlatform.Request("/aankondiging Vrijdag actie op het plein", Group, "mod"), CancellationToken.None);
        Assert.False(preview.IsError, PlainTextReplyFormatter.Format(preview));
        // A member of the room may not confirm; the platform's check says who moderates.
        var refused = await router.RouteAsync(LoopbackPlatform.Request("/aankondiging Namens de groep", Group, "ann"), CancellationToken.None);
        Assert.True(refused.IsError);
        var shown = await router.IssueButtonsAsync(preview, new UserRef("mod", "mod"), Group, CancellationToken.None);
        var confirm = Assert.Single(shown.Choices, c => c.IsFollowUp && c.Arguments.StartsWith(Bot.Core.Moderation.AnnounceHandler.ConfirmPrefix, StringComparison.Ordinal));
        var confirmed = await router.PressAsync(new ButtonPress(confirm.Token!, new UserRef("mod", "mod"), Group, "nl"), CancellationToken.None);
        Assert.False(confirmed.IsError, PlainTextReplyFormatter.Format(confirmed));
        await WaitUntilAsync(() => _platform.Sent.Any(s => s.Chat == Group && s.Text.Contains("Vrijdag actie op het plein", StringComparison.Ordinal)));

        // Its limits are the ones the shared limiter keeps, and people see its own name.
        Assert.Equal("Loopback-groep", host.Services.GetRequiredService<PlatformDirectory>().Describe(Group.Platform).ChatName(ChatKind.Group, UiLanguage.Nl));
        Assert.Contains(host.Services.GetServices<PlatformLimits>(), l => l.Platform == LoopbackPlatform.Id);
        await host.StopAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(15), "the platform's messenger was never called");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }
    }
}
