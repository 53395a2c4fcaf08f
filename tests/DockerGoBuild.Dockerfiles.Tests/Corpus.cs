using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Tests;

/// <summary>
/// The shared corpus (../shared/corpus beside the repository, or $DOCKERGOBUILD_CORPUS).
/// Files are read from there, never copied into the repository.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string BuildKitParser => Path.Combine(Root, "buildkit-parser");

    /// <summary>Every real Dockerfile of the go and dotnet folders (manifests excluded).</summary>
    public static IEnumerable<string> RealDockerfiles() =>
        new[] { "go", "dotnet" }
            .SelectMany(group => Directory.EnumerateFiles(Path.Combine(Root, group)))
            .Where(path => !Path.GetFileName(path).EndsWith(".tsv", StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal);

    /// <summary>Every file of the corpus that is a Dockerfile input (real files and BuildKit's cases).</summary>
    public static IEnumerable<string> AllDockerfiles() =>
        RealDockerfiles().Concat(
            Directory.EnumerateFiles(BuildKitParser, "Dockerfile", SearchOption.AllDirectories).OrderBy(path => path, StringComparer.Ordinal));

    public static string Read(string path, out Encoding encoding) => DockerfileEncoding.Decode(File.ReadAllBytes(path), out encoding);

    private static string FindRoot()
    {
        var configured = Environment.GetEnvironmentVariable("DOCKERGOBUILD_CORPUS");
        if (!string.IsNullOrEmpty(configured))
        {
            return RequireDirectory(configured);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DockerGoBuild.Analyzers.sln")))
            {
                return RequireDirectory(Path.Combine(directory.FullName, "..", "shared", "corpus"));
            }
        }

        throw new InvalidOperationException("Cannot find the repository root to locate ../shared/corpus; set DOCKERGOBUILD_CORPUS.");
    }

    private static string RequireDirectory(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"The shared corpus is not at {full}; set DOCKERGOBUILD_CORPUS.");
        }

        return full;
    }
}
