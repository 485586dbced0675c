using Bot.Host;

return await BotProgram.RunAsync(args, Console.In, Console.Out, Console.Error);
