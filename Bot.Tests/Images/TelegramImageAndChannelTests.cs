using Bot.Core.Kernel;
using Bot.Core.Storage;
using Bot.Telegram;
using Bot.Testing.BotApi;
using Bot.Tests.Storage;
using Bot.Tests.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bot.Tests.Images;

/// <summary>
/// Over the fake Bot API with the real core: an announcement written as a photo caption reaches a group, a channel
/// and a private chat as one photo each, uploaded once (the rest by its file_id); channels come and go with the
/// bot's membership, and subscribe only for an administrator the Bot API confirms.
/// </summary>
public sealed class TelegramImageAndChannelTests
{
    private const long Admin = 5005;
    private const long Member = 6006;
    private const long Channel = -100_777;
    private const long LostChannel = -100_888;

    [Fact]
    public async Task A_photo_announcement_reaches_a_group_two_channels_and_a_private_chat_uploaded_once_and_a_removed_channel_pauses()
    {
        await using var bot = await TelegramTestHost.StartAsync(realCore: true);
        bot.Api.Admins.Add((TelegramUpdates.GroupChat, Admin));
        bot.Api.Files["flyer-1"] = TestImages.Jpeg(800, 600);
        // The bot was removed from one channel just before the broadcast reaches it.
        bot.Api.Respond = call => call.Method == "sendPhoto" && call.ChatId == LostChannel ? FakeResponse.Error(403, "Forbidden: bot is not a member of the channel chat") : null;
        var subscriptions = bot.Host.Services.GetRequiredService<SubscriptionStore>();
        foreach (var chat in new[] { Address(Channel, ChatKind.Channel), Address(LostChannel, ChatKind.Channel), Address(TelegramUpdates.PrivateUser, ChatKind.Private) })
        {
            await subscriptions.UpsertAsync(new Subscription(chat, SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);
        }

        bot.Api.PushUpdate(TelegramUpdates.Message("/subscribe", TelegramUpdates.GroupChat, Admin));
        await bot.Api.WaitForAsync("sendMessage");
        bot.Api.PushUpdate(TelegramUpdates.Photo("/announce **Demo** morgen bij het Binnenhof", "flyer-1", TelegramUpdates.GroupChat, Admin));
        var preview = (await bot.Api.WaitForAsync("sendMessage", 2))[1];
        Assert.Equal(Admin, preview.ChatId);
        Assert.Contains("With image: JPG, 800×600.", preview.Text, StringComparison.Ordinal);
        Assert.Single(bot.Api.CallsTo("getFile"));

        bot.Api.PushUpdate(TelegramUpdates.Callback(ConfirmToken(preview), Admin, Admin));
        // The chats that came while the first upload was under way wait (pending) a second for its file_id.
        var database = bot.Host.Services.GetRequiredService<BotDatabase>();
        await bot.Api.WaitForAsync("sendPhoto");
        await WaitUntilAsync(async () =>
        {
            bot.Time.Advance(TimeSpan.FromMilliseconds(500));
            return await database.CountAsync("SELECT COUNT(*) FROM bot_outbox WHERE status IN ('pending', 'sending')") == 0;
        });
        var photos = bot.Api.CallsTo("sendPhoto");

        Assert.Equal([LostChannel, Channel, TelegramUpdates.GroupChat, TelegramUpdates.PrivateUser], photos.Select(p => p.ChatId).Order());
        Assert.DoesNotContain(bot.Api.CallsTo("sendMessage"), c => c.ChatId != Admin && c.ChatId != TelegramUpdates.GroupChat);
        Assert.All(photos, p => Assert.Equal("<b>Demo</b> morgen bij het Binnenhof", p.Parameters["caption"]!.GetValue<string>()));
        var delivered = photos.Where(p => p.ChatId != LostChannel).ToList();
        Assert.Single(delivered, p => p.IsUpload);
        Assert.Equal(2, delivered.Count(p => p.Parameters["photo"]!.GetValue<string>() == FakeBotApi.UploadedPhotoId));
        var lost = await subscriptions.GetAsync(Address(LostChannel, ChatKind.Channel), CancellationToken.None);
        Assert.True(lost!.Paused);
        Assert.Contains("not a member of the channel", lost.PausedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_over_the_caption_limit_goes_as_the_photo_then_the_text()
    {
        await using var bot = await TelegramTestHost.StartAsync(realCore: true);
        bot.Api.Admins.Add((TelegramUpdates.GroupChat, Admin));
        bot.Api.Files["flyer-2"] = TestImages.Png();
        await bot.Host.Services.GetRequiredService<SubscriptionStore>().UpsertAsync(new Subscription(Address(Channel, ChatKind.Channel), SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);
        var text = "Lange oproep: " + string.Join(' ', Enumerable.Repeat("kom & doe mee", 100));

        bot.Api.PushUpdate(TelegramUpdates.Photo("/announce " + text, "flyer-2", TelegramUpdates.GroupChat, Admin));
        var preview = (await bot.Api.WaitForAsync("sendMessage"))[0];
        bot.Api.PushUpdate(TelegramUpdates.Callback(ConfirmToken(preview), Admin, Admin));
        var photo = (await bot.Api.WaitForAsync("sendPhoto")).Single();
        var after = await bot.Api.WaitForAsync("sendMessage", where: c => c.ChatId == Channel);

        Assert.Null(photo.Parameters["caption"]);
        Assert.True(photo.IsUpload);
        Assert.Equal(text.Replace("&", "&amp;", StringComparison.Ordinal), Assert.Single(after).Text);
    }

    [Fact]
    public async Task Removing_the_bot_from_a_channel_pauses_it_and_making_it_a_posting_admin_again_resumes_it()
    {
        await using var bot = await TelegramTestHost.StartAsync(realCore: true);
        var subscriptions = bot.Host.Services.GetRequiredService<SubscriptionStore>();
        var channel = Address(Channel, ChatKind.Channel);
        await subscriptions.UpsertAsync(new Subscription(channel, SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);

        bot.Api.PushUpdate(TelegramUpdates.MyChatMember(Channel, "administrator", "left"));
        await WaitUntilAsync(async () => (await subscriptions.GetAsync(channel, CancellationToken.None))!.Paused);
        Assert.Equal("the bot was removed from the chat", (await subscriptions.GetAsync(channel, CancellationToken.None))!.PausedReason);

        bot.Api.PushUpdate(TelegramUpdates.MyChatMember(Channel, "left", "administrator", canPost: false));
        bot.Api.PushUpdate(TelegramUpdates.MyChatMember(Channel, "administrator", "administrator", canPost: true));
        await WaitUntilAsync(async () => !(await subscriptions.GetAsync(channel, CancellationToken.None))!.Paused);
        var audit = await bot.Host.Services.GetRequiredService<BotDatabase>().CountAsync("SELECT COUNT(*) FROM bot_audit WHERE action = 'resume'");
        Assert.Equal(1, audit);
    }

    [Fact]
    public async Task A_channel_subscribes_for_a_signed_post_by_a_posting_admin_but_not_for_a_forged_or_unsigned_one()
    {
        await using var bot = await TelegramTestHost.StartAsync(realCore: true);
        bot.Api.Admins.Add((Channel, Admin));
        bot.Api.Admins.Add((Channel, FakeBotApi.BotId));
        bot.Api.Names[Admin] = "Ann Admin";
        var subscriptions = bot.Host.Services.GetRequiredService<SubscriptionStore>();
        var channel = Address(Channel, ChatKind.Channel);

        // A post naming a member as its author (forged: only admins post in a channel) does nothing, and says nothing.
        bot.Api.PushUpdate(TelegramUpdates.ChannelPost("/abonneer", Channel, from: Member));
        // Signed with a name no posting admin has, or unsigned: some admin, not one the bot can name; it explains how instead.
        bot.Api.PushUpdate(TelegramUpdates.ChannelPost("/abonneer", Channel, signature: "Mallory"));
        bot.Api.PushUpdate(TelegramUpdates.ChannelPost("/abonneer", Channel));
        var hint = (await bot.Api.WaitForAsync("sendMessage", 2, c => c.ChatId == Channel))[1];
        Assert.Contains("/abonneer @pauseai_kanaal", Plain(hint), StringComparison.Ordinal);
        Assert.Null(await subscriptions.GetAsync(channel, CancellationToken.None));

        bot.Api.PushUpdate(TelegramUpdates.ChannelPost("/abonneer protesten", Channel, signature: "Ann Admin"));
        var done = (await bot.Api.WaitForAsync("sendMessage", 3, c => c.ChatId == Channel))[2];

        Assert.StartsWith("Geabonneerd", done.Text, StringComparison.Ordinal); // a signed post carries no language: the default
        var subscription = await subscriptions.GetAsync(channel, CancellationToken.None);
        Assert.Equal(ChatKind.Channel, subscription!.Chat.Kind);
        Assert.Equal(SubscriptionTopics.Protests, subscription.Topics);
        Assert.Equal(3, bot.Api.CallsTo("sendMessage").Count);
    }

    [Fact]
    public async Task A_channel_admin_subscribes_it_from_a_private_chat_when_the_bot_may_post_there()
    {
        await using var bot = await TelegramTestHost.StartAsync(realCore: true);
        bot.Api.Channels["@pauseai_kanaal"] = Channel;
        bot.Api.Admins.Add((Channel, Admin));
        var subscriptions = bot.Host.Services.GetRequiredService<SubscriptionStore>();

        bot.Api.PushUpdate(TelegramUpdates.Message("/subscribe @pauseai_kanaal", Member, Member));
        bot.Api.PushUpdate(TelegramUpdates.Message("/subscribe @pauseai_kanaal", Admin, Admin));
        var refused = await bot.Api.WaitForAsync("sendMessage", 2);
        Assert.Contains("Only administrators of @pauseai_kanaal", Plain(refused.Single(c => c.ChatId == Member)), StringComparison.Ordinal);
        Assert.Contains("may not post in @pauseai_kanaal yet", Plain(refused.Single(c => c.ChatId == Admin)), StringComparison.Ordinal);

        bot.Api.Admins.Add((Channel, FakeBotApi.BotId));
        bot.Api.PushUpdate(TelegramUpdates.Message("/subscribe @pauseai_kanaal summits", Admin, Admin));
        var done = (await bot.Api.WaitForAsync("sendMessage", 3))[2];

        Assert.Equal(Admin, done.ChatId);
        Assert.StartsWith("Subscribed", done.Text, StringComparison.Ordinal);
        var subscription = await subscriptions.GetAsync(Address(Channel, ChatKind.Channel), CancellationToken.None);
        Assert.Equal(SubscriptionTopics.Summits, subscription!.Topics);
        Assert.DoesNotContain(bot.Api.CallsTo("sendMessage"), c => c.ChatId == Channel);
    }

    [Fact]
    public async Task Editing_a_photo_announcement_edits_its_caption_and_a_text_that_no_longer_fits_is_refused_for_that_chat()
    {
        await using var bot = await TelegramTestHost.StartAsync(realCore: true);
        var photo = await SendPhotoAnnouncementAsync(bot, "/announce **Demo** morgen");

        await EditAsync(bot, "/announce edit 1 **Demo** overmorgen, 14:00");
        await WaitAdvancingAsync(bot, async () => await OutboxAsync(bot, "announcement-edit:1:") is ["sent"]);
        var edit = bot.Api.CallsTo("editMessageCaption").Single();

        Assert.Equal(photo, edit.Parameters["message_id"]!.GetValue<long>());
        Assert.Equal("<b>Demo</b> overmorgen, 14:00", bot.Api.Messages[(Channel, photo)]);
        Assert.DoesNotContain(bot.Api.CallsTo("editMessageText"), c => c.ChatId == Channel);

        // Over 1,024 characters the text would no longer be the photo's caption: nothing changes there, and /status says why.
        bot.Time.Advance(TimeSpan.FromSeconds(15)); // the admin's commands so far used up their flood allowance
        await EditAsync(bot, "/announce edit 1 " + string.Join(' ', Enumerable.Repeat("kom en doe mee", 100)), previews: 2);
        await WaitAdvancingAsync(bot, async () => await OutboxAsync(bot, "announcement-edit:2:") is ["failed"]);
        var reason = (await bot.Host.Services.GetRequiredService<Bot.Core.Delivery.OutboxStore>().ListAsync(CancellationToken.None)).Single(r => r.Key.StartsWith("announcement-edit:2:", StringComparison.Ordinal)).Error;
        Assert.Contains("no longer fits the photo's caption", reason, StringComparison.Ordinal);
        Assert.Equal("<b>Demo</b> overmorgen, 14:00", bot.Api.Messages[(Channel, photo)]);
        Assert.Single(bot.Api.CallsTo("editMessageCaption"));
        Assert.All(bot.Api.Calls, call => Assert.Empty(TelegramSpec.Validate(call.Method, call.Parameters)));
    }

    [Fact]
    public async Task Editing_a_photo_sent_before_its_long_text_edits_the_text_and_leaves_the_photo()
    {
        await using var bot = await TelegramTestHost.StartAsync(realCore: true);
        var photo = await SendPhotoAnnouncementAsync(bot, "/announce Lange oproep: " + string.Join(' ', Enumerable.Repeat("kom en doe mee", 100)));
        var text = bot.Api.Messages.Single(m => m.Key.Chat == Channel && m.Key.Message != photo).Key;

        await EditAsync(bot, "/announce edit 1 Korter nu");
        await WaitAdvancingAsync(bot, async () => await OutboxAsync(bot, "announcement-edit:1:") is ["sent"]);

        Assert.Equal("Korter nu", bot.Api.Messages[text]);
        Assert.Equal(string.Empty, bot.Api.Messages[(Channel, photo)]);
        Assert.Empty(bot.Api.CallsTo("editMessageCaption"));
        Assert.All(bot.Api.Calls, call => Assert.Empty(TelegramSpec.Validate(call.Method, call.Parameters)));
    }

    [Fact]
    public async Task A_file_id_Telegram_no_longer_takes_is_uploaded_again_once_and_the_new_one_kept()
    {
        await using var bot = await TelegramTestHost.StartAsync(realCore: true);
        bot.Api.RefusedFileIds.Add("expired-file-id");
        var database = bot.Host.Services.GetRequiredService<BotDatabase>();
        var images = bot.Host.Services.GetRequiredService<ImageStore>();
        var bytes = TestImages.Png();
        var id = await images.AddAsync(bytes, "image/png", 600, 400, CancellationToken.None);
        await images.SetReferenceAsync(id, TelegramPlatform.Id, "expired-file-id", CancellationToken.None);
        bot.Api.Files["flyer-stale"] = bytes;

        await SendPhotoAnnouncementAsync(bot, "/announce Met een oude file_id", file: "flyer-stale");

        var photos = bot.Api.CallsTo("sendPhoto").Where(c => c.ChatId == Channel).ToList();
        Assert.Equal(2, photos.Count);
        Assert.Equal("expired-file-id", photos[0].Parameters["photo"]!.GetValue<string>());
        Assert.True(photos[1].IsUpload);
        Assert.Equal(FakeBotApi.UploadedPhotoId, await images.ReferenceAsync(id, TelegramPlatform.Id, CancellationToken.None));
        Assert.Equal(["sent"], await OutboxAsync(bot, "announcement:1:"));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM bot_subscriptions WHERE paused = 1"));
    }

    /// <summary>An admin posts a photo announcement to <see cref="Channel"/> and confirms it; returns the photo's message id there once it went.</summary>
    private static async Task<long> SendPhotoAnnouncementAsync(TelegramTestHost bot, string caption, string file = "flyer-edit")
    {
        bot.Api.Admins.Add((TelegramUpdates.GroupChat, Admin));
        bot.Api.Files.TryAdd(file, TestImages.Png());
        await bot.Host.Services.GetRequiredService<SubscriptionStore>().UpsertAsync(new Subscription(Address(Channel, ChatKind.Channel), SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);
        bot.Api.PushUpdate(TelegramUpdates.Photo(caption, file, TelegramUpdates.GroupChat, Admin));
        var preview = (await bot.Api.WaitForAsync("sendMessage"))[0];
        bot.Api.PushUpdate(TelegramUpdates.Callback(ConfirmToken(preview), Admin, Admin));
        // Only once the photo reached Telegram does the clock move on: a request still on its way must not time out on it.
        await bot.Api.WaitForAsync("sendPhoto", where: c => c.ChatId == Channel);
        await WaitAdvancingAsync(bot, async () => await OutboxAsync(bot, "announcement:1:") is ["sent"]);
        return bot.Api.Messages.Keys.Where(k => k.Chat == Channel).Min(k => k.Message);
    }

    /// <summary>An admin asks for an edit in the group and confirms its (<paramref name="previews"/>-th) preview in their private chat.</summary>
    private static async Task EditAsync(TelegramTestHost bot, string command, int previews = 1)
    {
        bot.Api.PushUpdate(TelegramUpdates.Message(command, TelegramUpdates.GroupChat, Admin));
        var preview = (await bot.Api.WaitForAsync("sendMessage", previews, c => c.ChatId == Admin && c.Text!.Contains("Edit of announcement", StringComparison.Ordinal)))[previews - 1];
        bot.Api.PushUpdate(TelegramUpdates.Callback(ConfirmToken(preview), Admin, Admin));
    }

    /// <summary>Waits for <paramref name="condition"/>, moving the bot's clock on meanwhile (the delivery worker's polls, waits for the post first).</summary>
    private static async Task WaitAdvancingAsync(TelegramTestHost bot, Func<Task<bool>> condition)
    {
        try
        {
            await WaitUntilAsync(async () =>
            {
                bot.Time.Advance(TimeSpan.FromMilliseconds(200));
                return await condition();
            });
        }
        catch (Xunit.Sdk.XunitException)
        {
            var rows = await bot.Host.Services.GetRequiredService<Bot.Core.Delivery.OutboxStore>().ListAsync(CancellationToken.None);
            var database = bot.Host.Services.GetRequiredService<BotDatabase>();
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var command = BotDatabase.Command(connection, null, "SELECT dedup_key, payload, message_ids FROM bot_outbox UNION ALL SELECT CAST(id AS TEXT), markdown, COALESCE(CAST(image_id AS TEXT), 'none') || ' ' || status FROM bot_announcements UNION ALL SELECT CAST(id AS TEXT), kind, COALESCE(markdown, '') || ' ' || status FROM bot_announcement_changes");
            await using var reader = await command.ExecuteReaderAsync();
            var payloads = new List<string>();
            while (await reader.ReadAsync())
            {
                payloads.Add(reader.GetString(0) + " = " + reader.GetString(1) + " ids " + reader.GetString(2));
            }

            throw new Xunit.Sdk.XunitException("timed out; payloads: " + string.Join(" | ", payloads) + "; outbox: " + string.Join("; ", rows.Select(r => $"{r.Key} {r.Status} {r.Error}")) + "; calls: " + string.Join(", ", bot.Api.Calls.Select(c => c.Method)));
        }
    }

    private static async Task<IReadOnlyList<string>> OutboxAsync(TelegramTestHost bot, string prefix) =>
        [.. (await bot.Host.Services.GetRequiredService<Bot.Core.Delivery.OutboxStore>().ListAsync(CancellationToken.None)).Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r.Status)];

    private static ChatAddress Address(long id, ChatKind kind) => new(TelegramPlatform.Id, id.ToString(System.Globalization.CultureInfo.InvariantCulture), kind);

    /// <summary>A message's text without the word joiners that keep an echoed <c>@name</c> from becoming a mention.</summary>
    private static string Plain(FakeCall call) => call.Text!.Replace("\u2060", string.Empty, StringComparison.Ordinal);

    private static string ConfirmToken(FakeCall preview) =>
        preview.Parameters["reply_markup"]!["inline_keyboard"]!.AsArray()[0]![0]!["callback_data"]!.GetValue<string>();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "timed out");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }
    }
}
