using System;
using System.IO;
using System.Linq;
using System.Text;
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

    /// <summary>The input as a C# string literal, so a failing case can be pasted into a regression test.</summary>
    public static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text.Take(4000))
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' || c > '~' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append(text.Length > 4000 ? "\"..." : "\"").ToString();
    }
}
