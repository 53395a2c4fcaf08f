using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace DockerGoBuild.Analyzers.Tests;

/// <summary>The whole shared corpus through the Roslyn driver, each file as its own additional file named Dockerfile.</summary>
public class CorpusAnalyzerTests
{
    [Fact]
    public async Task EveryCorpusFile_AnalysesWithoutAnalyzerFailure()
    {
        var corpus = FindCorpus();
        var files = new[] { "go", "dotnet" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(corpus, folder), "*", SearchOption.AllDirectories))
            .Where(path => !path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select((path, index) => (AdditionalText)new RobustnessTests.InMemoryAdditionalText(
                $"/corpus/{index}/Dockerfile", SourceText.From(File.ReadAllText(path))))
            .ToImmutableArray();
        Assert.True(files.Length > 100, $"only {files.Length} corpus files under {corpus}");

        var exceptions = new List<Exception>();
        var diagnostics = await RobustnessTests.AnalyzeAsync(files, exceptions);

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "AD0001");
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.GetMessage().StartsWith("The analyzer could not read", StringComparison.Ordinal));
        Assert.True(diagnostics.Length >= 500, $"only {diagnostics.Length} diagnostics over {files.Length} files");
    }

    private static string FindCorpus()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DOCKERGOBUILD_CORPUS");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var directory = new DirectoryInfo(Repository.Root); directory != null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "corpus");
            if (Directory.Exists(Path.Combine(candidate, "go")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Cannot find the corpus: set DOCKERGOBUILD_CORPUS or put it at ../shared/corpus above " + Repository.Root);
    }
}
