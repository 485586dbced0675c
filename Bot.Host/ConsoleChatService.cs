using Bot.Core.Commands;
using Microsoft.Extensions.Hosting;

namespace Bot.Host;

/// <summary>
/// The local chat: reads lines from the terminal and prints the answers. When standard input is
/// not a terminal it answers each line and stops the program at the end of the input.
/// </summary>
internal sealed class ConsoleChatService(ConsoleChatStreams streams, CommandRouter router, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interactive = !Console.IsInputRedirected && ReferenceEquals(streams.Input, Console.In);
        if (interactive)
        {
            await streams.Output.WriteLineAsync("PauseAI-bot — typ /help voor de commando's, /quit om te stoppen. (Type /help; --locale en for English.)");
        }

        var locale = streams.Locale;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (interactive)
            {
                await streams.Output.WriteAsync("> ");
            }

            var line = await streams.Input.ReadLineAsync(stoppingToken);
            if (line is null || line.Trim() is "/quit" or "/exit")
            {
                break;
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            await streams.Output.WriteLineAsync(await ConsoleChat.AnswerAsync(router, line, locale, stoppingToken));
        }

        lifetime.StopApplication();
    }
}
