using System.Diagnostics;

namespace Bot.Testing;

/// <summary>Publishes Bot.Host as the operations guide says: Release, linux-x64, self-contained (trimmed and ReadyToRun).</summary>
internal static class HostPublisher
{
    /// <summary>Publishes into <paramref name="folder"/> and returns the executable's path; throws with the build's output when it fails.</summary>
    public static string Publish(string folder)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["publish", "Bot.Host", "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", folder])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):{Environment.NewLine}{output}{errors.Result}");
        }

        return Path.Combine(folder, "Bot.Host");
    }
}
