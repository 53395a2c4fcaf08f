using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace DockerGoBuild.Analyzers.PackageTests;

/// <summary>One result of a SARIF 2.1 log, as the compiler's ErrorLog writes it.</summary>
/// <param name="LogPath">The SARIF log that held it: which project (and target framework) reported it.</param>
public sealed record SarifResult(string RuleId, string Level, string FilePath, int Line, int Column, bool Fixable, string LogPath)
{
    /// <summary>"relative/path(line,col): RULE" against <paramref name="root"/>, with forward slashes.</summary>
    public string Describe(string root) => $"{Path.GetRelativePath(root, FilePath).Replace('\\', '/')}({Line},{Column}): {RuleId}";
}

public static class Sarif
{
    /// <summary>The DGB results of every SARIF log under <paramref name="folder"/> (one per project and target framework).</summary>
    public static List<SarifResult> ReadAll(string folder) =>
        Directory.EnumerateFiles(folder, "*.sarif", SearchOption.AllDirectories).SelectMany(Read).ToList();

    public static IEnumerable<SarifResult> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var runs = document.RootElement.GetProperty("runs");
        foreach (var run in runs.EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var results))
            {
                continue;
            }

            foreach (var result in results.EnumerateArray())
            {
                var ruleId = result.GetProperty("ruleId").GetString()!;
                if (!ruleId.StartsWith("DGB", StringComparison.Ordinal))
                {
                    continue;
                }

                var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
                var uri = new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!);
                var region = location.GetProperty("region");
                var fixable = result.TryGetProperty("properties", out var properties)
                    && properties.TryGetProperty("customProperties", out var custom)
                    && custom.TryGetProperty("Fixable", out var fixableValue)
                    && fixableValue.GetString() == "true";
                yield return new SarifResult(
                    ruleId,
                    result.TryGetProperty("level", out var level) ? level.GetString()! : "warning",
                    uri.LocalPath,
                    region.GetProperty("startLine").GetInt32(),
                    region.GetProperty("startColumn").GetInt32(),
                    fixable,
                    path);
            }
        }
    }
}
