namespace Bot.Host;

/// <summary>The terminal the console chat reads from and writes to.</summary>
internal sealed record ConsoleChatStreams(TextReader Input, TextWriter Output);
