using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;
using Bot.Core.Scheduling;
using Bot.Discord;
using Bot.Telegram;
using Bot.Tests.Storage;
using Bot.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Moderation;

/// <summary>
/// What moderators read from /abonneer, /abonnementen, /aankondiging, /aankondigingen and /status: one language,
/// counts that agree in number, times in words on the community clock, no platform ids, ISO times, enum names or raw Markdown.
/// </summary>
public sealed class ModeratorReplyWordingTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _temp = new();
    private readonly CapturingMessenger _telegram = new(TelegramPlatform.Id);
    private readonly CapturingMessenger _discord = new(DiscordPlatform.Id);

    public void Dispose() => _temp.Dispose();

    // Without the buttons: their tokens are random base64url, which may hold "__" and read as raw Markdown.
    private static string Text(Reply reply) => PlainTextReplyFormatter.Format(reply with { Choices = [] }).TrimEnd();

    private static ReplyChoice Confirm(Reply preview) => Assert.Single(preview.Choices, c => c.Arguments.StartsWith(AnnounceHandler.ConfirmPrefix, StringComparison.Ordinal));

    /// <summary>Subscribes this group, schedules one announcement and sends another; returns every reply.</summary>
    private async Task<Dictionary<string, string>> SessionAsync(string locale)
    {
        await using var node = await ModerationNode.StartAsync(_temp, _time, _telegram, _discord);
        var replies = new Dictionary<string, string>();
        async Task<Reply> Run(string name, string command, string arguments)
        {
            var reply = await node.RunAsync(command, arguments, locale: locale);
            replies[name] = Text(reply);
            return reply;
        }

        async Task Press(string name, ReplyChoice button) => replies[name] = Text(await node.PressAsync(button, locale: locale));

        await Run("subscribe", "abonneer", "alles");
        var scheduled = await Run("preview", "aankondiging", "om 2026-03-02 14:00 Vanmiddag **actie** bij het _Binnenhof_");
        await Press("confirm", Confirm(scheduled));
        var now = await Run("preview-now", "aankondiging", "Nu **meteen**");
        await Press("confirm-now", Confirm(now));
        await node.Worker.RunOnceAsync(CancellationToken.None);
        await Run("list", "aankondigingen", string.Empty);
        await Run("subscriptions", "abonnementen", string.Empty);
        await Run("status", "status", string.Empty);
        return replies;
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task No_moderator_reply_has_ids_iso_times_enum_names_raw_markdown_or_wrong_plurals(string locale)
    {
        foreach (var (name, text) in await SessionAsync(locale))
        {
            Assert.True(UnreadableText.Problems(text, plainText: true).Count == 0, $"{name}: {string.Join("; ", UnreadableText.Problems(text, plainText: true))}\n{text}");
        }
    }

    [Fact]
    public async Task Dutch_moderators_read_Dutch_with_times_in_words_and_one_kanaal()
    {
        var replies = await SessionAsync("nl");

        Assert.Contains("Gaat naar 1 kanaal (Telegram) op maandag 2 maart 2026, 14:00 Amsterdamse tijd.", replies["preview"], StringComparison.Ordinal);
        Assert.Contains("staat gepland op maandag 2 maart 2026, 14:00 Amsterdamse tijd voor 1 kanaal", replies["confirm"], StringComparison.Ordinal);
        Assert.Contains("gaat nu naar 1 kanaal", replies["confirm-now"], StringComparison.Ordinal);
        Assert.Contains("maandag 2 maart 2026, 14:00 Amsterdamse tijd · 1 kanaal · mod42: Vanmiddag actie bij het Binnenhof", replies["list"], StringComparison.Ordinal);
        Assert.Equal("Dit kanaal krijgt herinneringen voor alle evenementen, in het Nederlands.", replies["subscriptions"]);
        var status = replies["status"];
        Assert.Contains("1 verstuurd, 0 wachtend, 0 mislukt, 0 onbekend of aangekomen (van 1 kanaal)", status, StringComparison.Ordinal);
        Assert.Contains("gepland voor maandag 2 maart 2026, 14:00 Amsterdamse tijd", status, StringComparison.Ordinal);
        Assert.Contains("maandag 2 maart 2026, 09:00 Amsterdamse tijd — geabonneerd op alle evenementen (via Telegram)", status, StringComparison.Ordinal);
        Assert.Matches(@"aankondiging #\d+ ingepland voor maandag 2 maart 2026, 14:00 Amsterdamse tijd, 1 kanaal \(via Telegram\)", status);
        Assert.Matches(@"aankondiging #\d+ verstuurd, 1 kanaal \(via Telegram\)", status);
        Assert.DoesNotContain(" sent", status, StringComparison.Ordinal);
        Assert.DoesNotContain("channels", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_moderators_read_English_with_times_in_words_and_one_channel()
    {
        var replies = await SessionAsync("en");

        Assert.Contains("Will reach 1 channel (Telegram) at Monday 2 March 2026, 14:00 Amsterdam time.", replies["preview"], StringComparison.Ordinal);
        Assert.Contains("is going out to 1 channel.", replies["confirm-now"], StringComparison.Ordinal);
        Assert.Equal("This chat gets reminders for all events, in English.", replies["subscriptions"]);
        var status = replies["status"];
        Assert.Contains("1 sent, 0 pending, 0 failed, 0 unknown whether it arrived (of 1 channel)", status, StringComparison.Ordinal);
        Assert.Contains("Monday 2 March 2026, 09:00 Amsterdam time — subscribed to all events (via Telegram)", status, StringComparison.Ordinal);
        Assert.DoesNotContain("kanaal", status, StringComparison.Ordinal);
        Assert.DoesNotContain("verstuurd", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduled_times_are_discord_timestamps_on_discord_and_local_time_with_the_zone_in_words_on_telegram()
    {
        await using var node = await ModerationNode.StartAsync(_temp, _time, _telegram, _discord);
        var due = new DateTimeOffset(2026, 3, 2, 13, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var replies = new List<Reply>();
        foreach (var platform in new[] { DiscordPlatform.Id, TelegramPlatform.Id })
        {
            await node.RunAsync("abonneer", "alles", platform: platform, locale: "nl");
            var preview = await node.RunAsync("aankondiging", "om 2026-03-02 14:00 Vanmiddag actie", platform: platform, locale: "nl");
            replies.Add(preview);
            replies.Add(await node.PressAsync(Confirm(preview), platform: platform, locale: "nl"));
            replies.Add(await node.RunAsync("aankondigingen", string.Empty, platform: platform, locale: "nl"));
            replies.Add(await node.RunAsync("status", string.Empty, platform: platform, locale: "nl"));
        }

        foreach (var (reply, i) in replies.Take(4).Select((r, i) => (r, i)))
        {
            var discord = string.Concat(Bot.Discord.Rendering.DiscordReplyMapper.Map(reply, UiLanguage.Nl).Select(m => m.Content + string.Concat(m.Embeds?.Select(e => e.Description) ?? [])));
            Assert.True(discord.Contains($"<t:{due}:F>", StringComparison.Ordinal), $"reply {i}: {discord}");
            Assert.DoesNotContain("2 maart 2026, 14:00", discord, StringComparison.Ordinal);
        }

        foreach (var reply in replies.Skip(4))
        {
            var telegram = string.Concat(Bot.Telegram.Rendering.TelegramReplyMapper.Map(reply, UiLanguage.Nl).Select(m => m.Html));
            Assert.Contains("maandag 2 maart 2026, 14:00 Amsterdamse tijd", telegram, StringComparison.Ordinal);
            Assert.DoesNotContain("<t:", telegram, StringComparison.Ordinal);
            Assert.DoesNotContain("Europe/", telegram, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Moderator_buttons_speak_the_users_language_and_carry_only_a_token()
    {
        await using var node = await ModerationNode.StartAsync(_temp, _time, _telegram, _discord);

        var en = await node.RunAsync("aankondiging", "Hallo", locale: "en");
        var nl = await node.RunAsync("announce", "Hallo", locale: "nl");

        Assert.Equal(["Confirm", "Cancel"], en.Choices.Select(c => c.Label));
        Assert.Equal(["Bevestigen", "Annuleren"], nl.Choices.Select(c => c.Label));
        Assert.All(en.Choices.Concat(nl.Choices), c => Assert.Matches("^[A-Za-z0-9_-]{22}$", c.Token));
        Assert.Equal(4, en.Choices.Concat(nl.Choices).Select(c => c.Token).Distinct().Count());
    }

    [Theory]
    [InlineData("nl", "Schrijf het moment als om 2026-12-01 14:00", "Write the moment")]
    [InlineData("en", "Write the moment as at 2026-12-01 14:00", "Schrijf")]
    public async Task A_bad_moment_is_explained_in_one_language(string locale, string expected, string otherLanguage)
    {
        await using var node = await ModerationNode.StartAsync(_temp, _time, _telegram, _discord);

        var text = Text(await node.RunAsync("aankondiging", "om gisteren later Hallo", locale: locale));

        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain(otherLanguage, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_counts_the_latest_reminder_per_event_with_unknown_apart_from_failed()
    {
        await using var node = await ModerationNode.StartAsync(_temp, _time, _telegram, _discord);
        var now = _time.GetUtcNow();
        var rows = Enumerable.Range(1, 4).Select(i => new OutboxRow(
            $"reminder:paris-2025:offset-1d:Telegram:{i}", new ChatAddress(TelegramPlatform.Id, i.ToString(System.Globalization.CultureInfo.InvariantCulture), ChatKind.Group), OutboxPayload.Of(new ReminderPost(["Morgen"])), now, null, "paris-2025"));
        await node.Outbox.EnqueueAsync(rows, CancellationToken.None);
        await node.Outbox.MarkSentAsync("reminder:paris-2025:offset-1d:Telegram:1", CancellationToken.None);
        await node.Outbox.MarkSentAsync("reminder:paris-2025:offset-1d:Telegram:2", CancellationToken.None);
        await node.Outbox.MarkUncertainAsync("reminder:paris-2025:offset-1d:Telegram:3", "no answer", CancellationToken.None);

        var status = Text(await node.RunAsync("status", string.Empty));

        Assert.Contains("Reminders", status, StringComparison.Ordinal);
        Assert.Contains("(1 day before) · 2 sent, 1 pending, 0 failed, 1 unknown whether it arrived", status, StringComparison.Ordinal);
        Assert.Contains("Look in those channels", status, StringComparison.Ordinal);
    }
}
