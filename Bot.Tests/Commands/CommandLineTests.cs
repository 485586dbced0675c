using Bot.Core.Commands;
using Xunit;

namespace Bot.Tests.Commands;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("/summit seoul", "summit", "seoul")]
    [InlineData("  /Summit   Seoul  ", "summit", "Seoul")]
    [InlineData("/summit@PauseBot seoul", "summit", "seoul")]
    [InlineData("/summit@pausebot", "summit", "")]
    [InlineData("/zoek a\u0000b", "zoek", "a b")]
    public void Parses_commands(string text, string command, string arguments)
    {
        Assert.True(CommandLine.TryParse(text, "PauseBot", out var parsedCommand, out var parsedArguments));
        Assert.Equal(command, parsedCommand);
        Assert.Equal(arguments, parsedArguments);
    }

    [Theory]
    [InlineData("summit seoul")]
    [InlineData("/")]
    [InlineData("/summit@OtherBot seoul")]
    [InlineData("/@PauseBot")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_what_is_not_a_command_for_this_bot(string? text) =>
        Assert.False(CommandLine.TryParse(text, "PauseBot", out _, out _));

    [Fact]
    public void Cuts_overlong_arguments() =>
        Assert.Equal(CommandLine.MaxArgumentLength, CommandLine.Clean(new string('a', 10_000)).Length);
}
