using Bot.Core;
using Bot.Core.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Bot.Tests.Scheduling;

/// <summary>Builds a host with the core (<c>AddBotCore</c>), a recording messenger and the given settings.</summary>
internal static class SchedulingHost
{
    public static IHost Build(string contentRoot, IDictionary<string, string?> settings, IMessenger messenger, TimeProvider? time = null, Action<IQuartzBuilder>? quartz = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = contentRoot,
            EnvironmentName = "Test",
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        if (Environment.GetEnvironmentVariable("BOT_TEST_LOG") is { Length: > 0 })
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug);
        }

        builder.AddBotCore(quartz);
        builder.Services.AddSingleton(messenger);
        return builder.Build();
    }
}
