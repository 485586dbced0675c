using System.Net;
using System.Text;
using System.Text.Json;
using Bot.Discord.Http;
using Bot.Tests.Discord.Support;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;
using Xunit;

namespace Bot.Tests.Discord;

/// <summary>Http mode: Ed25519 over timestamp + body with a generated key pair, PING → PONG, commands answered inline.</summary>
public sealed class DiscordHttpModeTests
{
    [Fact]
    public async Task Accepts_only_requests_signed_with_the_application_key()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        using var otherKey = Key.Create(SignatureAlgorithm.Ed25519);
        var publicKey = Convert.ToHexString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        await using var fake = await FakeDiscord.StartAsync();
        var logs = new LogCapture();
        using var bot = DiscordBotHarness.BuildHost(fake, new SignallingTimeProvider(), logs, TestPaths.NewDiscordStateFile(), new Dictionary<string, string?> { ["Discord:PublicKey"] = publicKey });
        await using var server = await ServeAsync(bot.Services.GetRequiredService<HttpInteractionEndpoint>());
        using var http = new HttpClient { BaseAddress = server.Url };

        const string Ping = """{"type":1,"id":"1","application_id":"111","token":"t","version":1}""";
        var pong = await PostAsync(http, Ping, key, "1700000000");
        Assert.Equal(HttpStatusCode.OK, pong.StatusCode);
        Assert.Equal("application/json", pong.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, JsonDocument.Parse(await pong.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32());

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(http, Ping, otherKey, "1700000000")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(http, Ping, key, "1700000000", tamperedBody: Ping.Replace("\"t\"", "\"u\"", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(http, Ping, key, "1700000000", sentTimestamp: "1700000001")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(http, Ping, key, null)).StatusCode);
        using (var unsigned = new StringContent(Ping, Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("interactions", unsigned)).StatusCode);
        }

        var command = await PostAsync(http, Interactions.Command("7001", "summit", Interactions.StringOption("name", "seoul")), key, "1700000002");
        Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        var body = JsonDocument.Parse(await command.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(4, body.GetProperty("type").GetInt32());
        Assert.Equal(0, body.GetProperty("data").GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.Equal("AI Seoul Summit", body.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString());
        Assert.DoesNotContain(fake.Requests, r => r.Path.StartsWith("interactions/", StringComparison.Ordinal));
        Assert.Equal(5, logs.Lines.Count(l => l.EventId == 4140));
    }

    [Fact]
    public async Task Http_mode_serves_its_own_endpoint_and_registers_the_commands()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var publicKey = Convert.ToHexString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        var port = LoopbackPort.Free();
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake, new Dictionary<string, string?>
        {
            ["Discord:Mode"] = "Http",
            ["Discord:PublicKey"] = publicKey,
            ["Discord:HttpUrls"] = $"http://127.0.0.1:{port}",
        });

        var put = await fake.NextRequestAsync(r => r.Method == "PUT");
        Assert.Equal("applications/111/commands", put.Path);
        Assert.Single(fake.Requests, r => r.Path == "applications/@me");
        await bot.Logs.WaitForAsync(4141);
        Assert.False(fake.HasPendingConnection);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/discord/") };
        var pong = await PostAsync(http, """{"type":1,"id":"1","application_id":"111","token":"t","version":1}""", key, "1700000000");
        Assert.Equal(HttpStatusCode.OK, pong.StatusCode);
    }

    /// <summary>Posts an interaction signed as Discord signs it (Ed25519 over timestamp + body).</summary>
    internal static async Task<HttpResponseMessage> PostAsync(HttpClient http, string body, Key key, string? timestamp, string? tamperedBody = null, string? sentTimestamp = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "interactions") { Content = new StringContent(tamperedBody ?? body, Encoding.UTF8, "application/json") };
        if (timestamp is not null)
        {
            var signature = SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(timestamp + body));
            request.Headers.Add("X-Signature-Ed25519", Convert.ToHexString(signature).ToLowerInvariant());
            request.Headers.Add("X-Signature-Timestamp", sentTimestamp ?? timestamp);
        }

        return await http.SendAsync(request);
    }

    private static async Task<Server> ServeAsync(HttpInteractionEndpoint endpoint)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/interactions", endpoint.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Server(app, new Uri(address.TrimEnd('/') + "/"));
    }

    private sealed record Server(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
