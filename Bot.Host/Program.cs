namespace Bot.Host; internal static class Program { private static int Main() => 0; }
