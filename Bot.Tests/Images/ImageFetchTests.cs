using System.Net;
using Bot.Core.Commands;
using Bot.Core.Moderation;
using Bot.Core.Storage;
using Bot.Tests.Storage;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bot.Tests.Images;

/// <summary>
/// An announcement's image is fetched once and checked, and every trap fails with its own reason: over the size
/// limit (announced or not), a server that hangs, an HTML page named .png, a redirect to http, loopback and the
/// cloud metadata address.
/// </summary>
public sealed class ImageFetchTests : IAsyncLifetime, IDisposable
{
    private readonly TempSqlite _temp = new();
    private HttpsImageServer _server = null!;

    public async Task InitializeAsync() => _server = await HttpsImageServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("png", 1200, 800)]
    [InlineData("jpeg", 800, 600)]
    [InlineData("gif", 320, 200)]
    [InlineData("webp", 1200, 630)]
    public void Each_format_is_known_by_its_magic_bytes_with_its_dimensions(string kind, int width, int height)
    {
        var bytes = kind switch
        {
            "png" => TestImages.Png(width, height),
            "jpeg" => TestImages.Jpeg(width, height),
            "gif" => TestImages.Gif(width, height),
            _ => TestImages.WebP(width, height),
        };

        var format = ImageInspector.Inspect(bytes);

        Assert.NotNull(format);
        Assert.Equal("image/" + kind, format.ContentType);
        Assert.Equal((width, height), (format.Width, format.Height));
        Assert.True(ImageInspector.SaneDimensions(format));
    }

    [Fact]
    public void Html_text_and_truncated_headers_are_not_images_and_absurd_dimensions_are_refused()
    {
        Assert.Null(ImageInspector.Inspect(TestImages.HtmlPage()));
        Assert.Null(ImageInspector.Inspect(TestImages.Png().AsSpan(0, 20)));
        Assert.Null(ImageInspector.Inspect(TestImages.Png(0, 400)));
        Assert.False(ImageInspector.SaneDimensions(ImageInspector.Inspect(TestImages.Png(9000, 9000))!));
        Assert.False(ImageInspector.SaneDimensions(ImageInspector.Inspect(TestImages.Png(4200, 200))!));
    }

    [Fact]
    public async Task An_image_url_is_fetched_once_checked_and_stored_by_content()
    {
        using var fetcher = Fetcher();
        await using var database = await OpenAsync();
        var images = new AnnouncementImages(fetcher, new ImageStore(database, TimeProvider.System), Options.Create(new ModerationOptions()));

        var (image, format, problem) = await images.FromUrlAsync(_server.Url("flyer.png"), CancellationToken.None);
        var again = await images.FromUrlAsync(_server.Url("moved.png"), CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal("image/png", image!.ContentType);
        Assert.Equal("afbeelding.png", image.FileName);
        Assert.Equal((1200, 800), (format!.Width, format.Height));
        Assert.Equal(image.Id, again.Image!.Id); // the same bytes (through a redirect) are one stored image
        Assert.Equal(_server.Flyer, await new ImageStore(database, TimeProvider.System).ReadAsync(image.Id, CancellationToken.None));
        Assert.Equal(2, _server.Hits("/flyer.png"));
    }

    [Theory]
    [InlineData("fifty-megabytes.png", nameof(ImageProblem.TooBig))]
    [InlineData("endless.png", nameof(ImageProblem.TooBig))]
    [InlineData("hangs.png", nameof(ImageProblem.Timeout))]
    [InlineData("page.png", nameof(ImageProblem.NotAnImage))]
    [InlineData("to-http.png", nameof(ImageProblem.BadUrl))]
    [InlineData("huge-dimensions.png", nameof(ImageProblem.BadDimensions))]
    [InlineData("missing.png", nameof(ImageProblem.Unreachable))]
    public async Task Every_trap_is_refused_with_its_reason_and_nothing_is_stored(string path, string expected)
    {
        using var fetcher = Fetcher(timeout: TimeSpan.FromSeconds(2));
        await using var database = await OpenAsync();
        var images = new AnnouncementImages(fetcher, new ImageStore(database, TimeProvider.System), Options.Create(new ModerationOptions()));
        var started = TimeProvider.System.GetTimestamp();

        var (image, _, problem) = await images.FromUrlAsync(_server.Url(path), CancellationToken.None);

        Assert.Null(image);
        Assert.Equal(expected, problem.ToString());
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM bot_images"));
    }

    [Theory]
    [InlineData("http://127.0.0.1/flyer.png", nameof(ImageProblem.BadUrl))]
    [InlineData("ftp://example.org/flyer.png", nameof(ImageProblem.BadUrl))]
    [InlineData("flyer.png", nameof(ImageProblem.BadUrl))]
    [InlineData("https://169.254.169.254/latest/meta-data/", nameof(ImageProblem.PrivateAddress))]
    [InlineData("https://10.0.0.8/flyer.png", nameof(ImageProblem.PrivateAddress))]
    [InlineData("https://[::1]/flyer.png", nameof(ImageProblem.PrivateAddress))]
    [InlineData("https://[::ffff:127.0.0.1]/flyer.png", nameof(ImageProblem.PrivateAddress))]
    [InlineData("https://localhost/flyer.png", nameof(ImageProblem.PrivateAddress))]
    public async Task Urls_that_are_not_https_or_point_inside_are_refused_before_any_request(string url, string expected)
    {
        using var fetcher = new ImageFetcher(Options.Create(new ModerationOptions()), TimeProvider.System);

        var (bytes, problem) = await fetcher.FetchAsync(url, CancellationToken.None);

        Assert.Null(bytes);
        Assert.Equal(expected, problem.ToString());
    }

    [Fact]
    public async Task The_loopback_test_server_itself_is_refused_unless_the_test_setting_allows_it()
    {
        using var guarded = new ImageFetcher(Options.Create(new ModerationOptions()), TimeProvider.System, _server.Trusts);
        using var allowed = Fetcher();

        Assert.Equal(ImageProblem.PrivateAddress, (await guarded.FetchAsync(_server.Url("flyer.png"), CancellationToken.None)).Problem);
        Assert.Equal(0, _server.Hits("/flyer.png"));
        Assert.Equal(_server.Flyer, (await allowed.FetchAsync(_server.Url("flyer.png"), CancellationToken.None)).Bytes);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.1.2.3", false)]
    public void Internal_addresses_are_told_from_public_ones(string address, bool isPublic) =>
        Assert.Equal(isPublic, ImageFetcher.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task An_attachment_larger_than_the_limit_is_refused_without_downloading_and_a_small_one_is_stored()
    {
        using var fetcher = Fetcher();
        await using var database = await OpenAsync();
        var images = new AnnouncementImages(fetcher, new ImageStore(database, TimeProvider.System), Options.Create(new ModerationOptions()));
        var downloads = 0;
        var big = new CommandAttachment("big.jpg", 12_000_000, (_, _) =>
        {
            downloads++;
            return Task.FromResult(Array.Empty<byte>());
        });
        var lying = new CommandAttachment("lying.jpg", null, (max, _) => Task.FromResult(new byte[max + 1]));
        var photo = new CommandAttachment("photo.jpg", null, (_, _) => Task.FromResult(TestImages.Jpeg()));

        Assert.Equal(ImageProblem.TooBig, (await images.FromAttachmentAsync(big, CancellationToken.None)).Problem);
        Assert.Equal(0, downloads);
        Assert.Equal(ImageProblem.TooBig, (await images.FromAttachmentAsync(lying, CancellationToken.None)).Problem);
        Assert.Equal("image/jpeg", (await images.FromAttachmentAsync(photo, CancellationToken.None)).Image!.ContentType);
    }

    private ImageFetcher Fetcher(TimeSpan? timeout = null) => new(
        Options.Create(new ModerationOptions { ImageAllowPrivateAddresses = true, ImageFetchTimeout = timeout ?? TimeSpan.FromSeconds(20) }),
        TimeProvider.System,
        _server.Trusts);

    private async Task<BotDatabase> OpenAsync()
    {
        var database = _temp.Open(TimeProvider.System);
        await database.InitializeAsync(CancellationToken.None);
        return database;
    }
}
