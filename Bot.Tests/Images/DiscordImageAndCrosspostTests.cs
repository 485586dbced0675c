using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Discord.Rest;
using Bot.Tests.Discord.Support;
using Bot.Tests.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Images;

/// <summary>
/// An announcement with an image through the delivery worker to Discord: each channel gets one multipart post
/// (payload_json checked against the OpenAPI description, the stored bytes as files[0]); posts in announcement
/// channels are published, ten an hour per channel, and a 429 on publishing leaves that message unpublished
/// without holding up any send.
/// </summary>
public sealed class DiscordImageAndCrosspostTests : IDisposable
{
    private readonly TempSqlite _temp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Each_channel_gets_one_multipart_post_and_announcement_channels_publish_it()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var run = await Run.StartAsync(_temp, _time, fake);
        var announcements = new[] { Channel("5001", ChatKind.Channel), Channel("5002", ChatKind.Channel) };
        var texts = new[] { Channel("6001", ChatKind.Group) };
        await run.QueueAsync(1, [.. announcements, .. texts], "**Demo** morgen");

        await run.Worker.RunOnceAsync(CancellationToken.None);

        var posts = fake.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, posts.Count);
        Assert.All(posts, post =>
        {
            Assert.StartsWith("multipart/form-data", post.ContentType, StringComparison.Ordinal);
            Assert.Empty(OpenApiCheck.Problems(post.Json, "MessageCreateRequest"));
            Assert.Equal("**Demo** morgen", post.Json.GetProperty("content").GetString());
            Assert.Equal("afbeelding.png", post.Json.GetProperty("attachments")[0].GetProperty("filename").GetString());
            var file = Assert.Single(post.Files);
            Assert.Equal("files[0]", file.Field);
            Assert.Equal("image/png", file.ContentType);
            Assert.Equal(run.Image, file.Bytes);
        });
        var published = fake.Requests.Where(r => r.Path.EndsWith("/crosspost", StringComparison.Ordinal)).Select(r => r.Path.Split('/')[1]).Order().ToList();
        Assert.Equal(["5001", "5002"], published);
        Assert.Equal(3, await run.CountAsync("sent"));
    }

    [Fact]
    public async Task Past_ten_publications_an_hour_or_after_a_429_a_post_stays_unpublished_and_nothing_waits()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.Respond = r => r.Path.StartsWith("channels/5002/", StringComparison.Ordinal) && r.Path.EndsWith("/crosspost", StringComparison.Ordinal)
            ? new FakeResponse(429, """{"message":"You are being rate limited.","retry_after":3000.5,"global":false}""")
            : null;
        await using var run = await Run.StartAsync(_temp, _time, fake);
        ChatAddress[] chats = [Channel("5001", ChatKind.Channel), Channel("5002", ChatKind.Channel)];

        for (var i = 1; i <= 12; i++)
        {
            await run.QueueAsync(i, chats, $"Bericht {i}");
            await run.Worker.RunOnceAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var crossposts = fake.Requests.Where(r => r.Path.EndsWith("/crosspost", StringComparison.Ordinal)).GroupBy(r => r.Path.Split('/')[1]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, crossposts["5001"]); // the 11th and 12th in the hour are left unpublished
        Assert.Equal(1, crossposts["5002"]); // after its 429 the bot does not ask again while Discord's wait lasts
        Assert.Equal(24, await run.CountAsync("sent"));
        Assert.Equal(2, run.Logs.Count(l => l.Contains("publications an hour reached", StringComparison.Ordinal)));
        Assert.Single(run.Logs, l => l.Contains("Discord asked to wait", StringComparison.Ordinal));
        Assert.Equal(11, run.Logs.Count(l => l.Contains("429 for publishing there lasts", StringComparison.Ordinal)));

        _time.Advance(TimeSpan.FromHours(1));
        await run.QueueAsync(13, chats, "Een uur later");
        await run.Worker.RunOnceAsync(CancellationToken.None);
        Assert.Equal(11, fake.Requests.Count(r => r.Path.StartsWith("channels/5001/", StringComparison.Ordinal) && r.Path.EndsWith("/crosspost", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Publishing_is_a_row_of_its_own_made_again_after_a_crash_and_already_published_counts_as_done()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var run = await Run.StartAsync(_temp, _time, fake);
        await run.QueueAsync(1, [Channel("5001", ChatKind.Channel)], "Bericht");

        await run.Worker.RunOnceAsync(CancellationToken.None);
        await run.Worker.RunOnceAsync(CancellationToken.None);
        var rows = await run.Outbox.ListAsync(CancellationToken.None);
        Assert.Equal(["announcement:1:Discord:5001 sent", "publish:announcement:1:Discord:5001 sent"], rows.Select(r => r.Key + " " + r.Status));
        var message = Assert.Single(fake.Published).Key;

        // A process died after Discord published it, before the row was marked: the next one publishes again.
        await run.Database.CountAsync("UPDATE bot_outbox SET status = 'sending', claimed_by = 'dead' WHERE dedup_key = 'publish:announcement:1:Discord:5001' RETURNING 1");
        await run.Worker.SettleInterruptedAsync(CancellationToken.None);
        await run.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, fake.Requests.Count(r => r.Path == $"channels/5001/messages/{message.Message}/crosspost"));
        Assert.Equal(message, Assert.Single(fake.Published).Key);
        Assert.Contains(await run.Outbox.ListAsync(CancellationToken.None), r => r.Key == "publish:announcement:1:Discord:5001" && r.Status == "sent");
        Assert.Single(run.Logs, l => l.Contains("was already published", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Editing_an_image_post_changes_its_text_and_keeps_the_attachment()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var run = await Run.StartAsync(_temp, _time, fake);
        var chat = Channel("6001", ChatKind.Group);
        await run.QueueAsync(1, [chat], "Demo morgen");
        await run.Worker.RunOnceAsync(CancellationToken.None);
        var message = Assert.Single(fake.Attachments).Key;

        var image = new Core.Replies.ReplyImage(run.ImageId, "image/png", "afbeelding.png");
        await run.Outbox.EnqueueAsync([new OutboxRow("announcement-edit:1:Discord:6001", chat, OutboxPayload.OfChange(new AnnouncementEdit("announcement:1:Discord:6001", "Demo overmorgen", MassMention.None, image)), _time.GetUtcNow(), null, null)], CancellationToken.None);
        await run.Worker.RunOnceAsync(CancellationToken.None);

        var patch = Assert.Single(fake.Requests, r => r.Method == "PATCH");
        Assert.Equal($"channels/6001/messages/{message.Message}", patch.Path);
        Assert.Empty(OpenApiCheck.Problems(patch.Json, "MessageEditRequestPartial"));
        Assert.Equal("Demo overmorgen", patch.Json.GetProperty("content").GetString());
        Assert.False(patch.Json.TryGetProperty("attachments", out _)); // absent: Discord keeps the message's files
        Assert.Equal(["afbeelding.png"], fake.Attachments[message]);
    }

    private static ChatAddress Channel(string id, ChatKind kind) => new(DiscordPlatform.Id, id, kind);

    /// <summary>A delivery worker with the Discord messenger against the fake, and a stored image.</summary>
    private sealed class Run : IAsyncDisposable
    {
        private readonly BotDatabase _database;
        private readonly HttpClient _http;
        private readonly ILoggerFactory _logging;
        private readonly Discord.Support.LogCapture _capture;

        private Run(BotDatabase database, HttpClient http, ILoggerFactory logging, Discord.Support.LogCapture capture, DeliveryWorker worker, OutboxStore outbox, long imageId, byte[] image)
        {
            _database = database;
            _http = http;
            _logging = logging;
            _capture = capture;
            Worker = worker;
            Outbox = outbox;
            ImageId = imageId;
            Image = image;
        }

        public DeliveryWorker Worker { get; }

        public OutboxStore Outbox { get; }

        public long ImageId { get; }

        public byte[] Image { get; }

        public IEnumerable<string> Logs => _capture.Lines.Select(l => l.Message);

        public static async Task<Run> StartAsync(TempSqlite temp, FakeTimeProvider time, FakeDiscord fake)
        {
            var database = temp.Open(time);
            await database.InitializeAsync(CancellationToken.None);
            var images = new ImageStore(database, time);
            var image = TestImages.Png(1200, 800, 30_000);
            var id = await images.AddAsync(image, "image/png", 1200, 800, CancellationToken.None);
            var http = new HttpClient();
            var capture = new Discord.Support.LogCapture();
            var logging = LoggerFactory.Create(b => b.AddProvider(capture));
            var rest = new DiscordRestClient(http, new DiscordRateLimiter(time), time, Options.Create(new DiscordOptions { Token = "rest-token", ApiBaseUrl = fake.ApiBase }), NullLogger<DiscordRestClient>.Instance);
            var messenger = new DiscordMessenger(rest, new UiTexts(), new DiscordCrossposter(rest, time, logging.CreateLogger<DiscordCrossposter>()), images);
            var outbox = new OutboxStore(database, time);
            var worker = new DeliveryWorker(outbox, new SubscriptionStore(database, time), [messenger], new DeliverySignal(), Options.Create(new DeliveryOptions()), database, time,
                NullLogger<DeliveryWorker>.Instance, new DeliveryRateLimiter(Options.Create(new DeliveryOptions()), [], time), [new OutboxPostRenderer<AnnouncementPost>(), new OutboxChangeRenderer<AnnouncementEdit>()]);
            return new Run(database, http, logging, capture, worker, outbox, id, image);
        }

        public Task<int> QueueAsync(int announcement, IEnumerable<ChatAddress> chats, string markdown)
        {
            var post = OutboxPayload.Of(new AnnouncementPost(markdown, MassMention.None, new Core.Replies.ReplyImage(ImageId, "image/png", "afbeelding.png")));
            var rows = chats.Select(c => new OutboxRow($"announcement:{announcement}:{c.Platform}:{c.ChatId}", c, post, TimeProvider.System.GetUtcNow().AddYears(-1), null, null)).ToList();
            return Outbox.EnqueueAsync(rows, CancellationToken.None);
        }

        public Task<long> CountAsync(string status) => _database.CountAsync($"SELECT COUNT(*) FROM bot_outbox WHERE status = '{status}' AND substr(dedup_key, 1, 13) = 'announcement:'");

        public BotDatabase Database => _database;

        public async ValueTask DisposeAsync()
        {
            Worker.Dispose();
            _logging.Dispose();
            _http.Dispose();
            await _database.DisposeAsync();
        }
    }
}
