using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerGoBuild.Dockerfiles.Rules;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DockerGoBuild.Analyzers.Tests;

/// <summary>Every rule the core defines is documented, tracked for release and described to Roslyn.</summary>
public class RuleMetadataTests
{
    public static TheoryData<string> RuleIds() => new(Descriptors.All.Select(rule => rule.Id));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryRule_HasADocumentationPage(string id)
    {
        var page = Repository.PathOf("docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing");
        Assert.StartsWith("# " + id, File.ReadAllText(page), StringComparison.Ordinal);
        Assert.Contains($"[{id}]({id}.md)", File.ReadAllText(Repository.PathOf("docs", "rules", "README.md")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryDiagnosticDescriptor_LinksToItsPage(string id)
    {
        var descriptor = new DockerfileAnalyzer().SupportedDiagnostics.Single(candidate => candidate.Id == id);
        Assert.EndsWith($"docs/rules/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Fact]
    public void DiagnosticDescriptors_MirrorTheCoreDescriptors()
    {
        var descriptors = new DockerfileAnalyzer().SupportedDiagnostics.ToDictionary(descriptor => descriptor.Id);
        Assert.Equal(Descriptors.All.Select(rule => rule.Id).OrderBy(id => id), descriptors.Keys.OrderBy(id => id));
        foreach (var rule in Descriptors.All)
        {
            var descriptor = descriptors[rule.Id];
            Assert.Equal(rule.Title, descriptor.Title.ToString());
            Assert.Equal("Dockerfile", descriptor.Category);
            Assert.Equal(DockerfileDiagnosticDescriptors.ToDiagnosticSeverity(rule.DefaultSeverity), descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.Equal(rule.Description, descriptor.Description.ToString());
        }
    }

    [Fact]
    public void AnalyzerReleases_TrackExactlyTheCoreRules()
    {
        var tracked = ReadReleaseRows("AnalyzerReleases.Shipped.md").Concat(ReadReleaseRows("AnalyzerReleases.Unshipped.md")).ToList();
        Assert.Equal(tracked.Select(row => row.Id).Distinct().Count(), tracked.Count);
        Assert.Equal(Descriptors.All.Select(rule => rule.Id).OrderBy(id => id), tracked.Select(row => row.Id).OrderBy(id => id));
        foreach (var row in tracked)
        {
            var rule = Descriptors.All.Single(candidate => candidate.Id == row.Id);
            Assert.Equal(rule.Category, row.Category);
            Assert.Equal(DockerfileDiagnosticDescriptors.ToDiagnosticSeverity(rule.DefaultSeverity).ToString(), row.Severity);
        }
    }

    private static IEnumerable<(string Id, string Category, string Severity)> ReadReleaseRows(string fileName)
    {
        // Rows of the "Rule ID | Category | Severity | Notes" tables; the header and its dashes are skipped.
        foreach (var line in File.ReadAllLines(Repository.PathOf("src", "DockerGoBuild.Analyzers", fileName)))
        {
            var cells = line.Split('|').Select(cell => cell.Trim()).ToArray();
            if (cells.Length == 4 && cells[0].StartsWith("DGB", StringComparison.Ordinal))
            {
                yield return (cells[0], cells[1], cells[2]);
            }
        }
    }
}
