namespace Bot.Host;

/// <summary>The terminal the console chat reads from and writes to, and the language it answers in (<c>--locale</c>; empty: the default).</summary>
internal sealed record ConsoleChatStreams(TextReader Input, TextWriter Output, string Locale = "");
