using System.Diagnostics;
using System.Text;
using Bot.Tests.Support;

namespace Bot.Tests.Crash;

/// <summary>The real <c>Bot.Host</c> as a child process (the build beside the tests), with its output kept for the failure message.</summary>
internal sealed class BotProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BotProcess(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The process id (for <c>/proc/&lt;id&gt;/…</c>).</summary>
    public int Id => _process.Id;

    /// <summary>The process's standard input (the terminal chat reads it).</summary>
    public StreamWriter Input => _process.StandardInput;

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <c>dotnet Bot.Host.dll</c> (or the published <paramref name="program"/>) in the repository (its
    /// appsettings.json and content/) with these environment variables and command-line arguments.
    /// </summary>
    public static BotProcess Start(IReadOnlyDictionary<string, string> environment, string? program = null, params string[] arguments)
    {
        var start = new ProcessStartInfo(program ?? Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = TestPaths.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (program is null)
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll"));
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "BOT_FAULT", "BOT_FAULT_ONCE", "Telegram__Token", "Discord__Token", "Storage__Provider", "Storage__ConnectionString" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Bot.Host did not start");
        var bot = new BotProcess(process);
        process.OutputDataReceived += (_, e) => bot.Append(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>As <c>kill -9</c>.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
