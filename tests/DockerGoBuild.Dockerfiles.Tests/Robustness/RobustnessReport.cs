using System;
using System.IO;
using Xunit.Abstractions;

namespace DockerGoBuild.Dockerfiles.Tests.Robustness;

/// <summary>
/// Where the robustness tests say what they ran and how long it took: the test output always, and a file too
/// when DOCKERGOBUILD_ROBUSTNESS_REPORT names one, so a long local run leaves its figures behind.
/// </summary>
public static class RobustnessReport
{
    public const string Variable = "DOCKERGOBUILD_ROBUSTNESS_REPORT";

    private static readonly object FileLock = new();

    public static void Write(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        var path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        lock (FileLock)
        {
            File.AppendAllText(path, $"{DateTime.UtcNow:O} {line}{Environment.NewLine}");
        }
    }
}
