using System.Collections.Generic;
using System.Linq;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Semantics;

/// <summary>
/// A thread keeps its cache analysis for the next file (with its analysis context): an analysis computed again must
/// hold only the facts of its own model.
/// </summary>
public class CacheAnalysisTests
{
    private const string GoBuild = "FROM golang:1.23\nRUN go mod download && go build ./...\nRUN --mount=type=cache,target=/root/go/pkg/mod go test ./...\n";
    private const string DotnetRestore = "FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet restore\n";
    private const string Quiet = "FROM alpine\nRUN echo hello\n";

    [Fact]
    public void An_analysis_computed_again_holds_only_the_facts_of_its_model()
    {
        var analysis = new CacheAnalysis();

        var goFacts = Facts(analysis, GoBuild);
        Assert.Equal(new[] { "GoModules /go/pkg/mod go", "GoBuild /root/.cache/go-build go", "GoBuild /root/.cache/go-build go" }, goFacts.Missing);
        Assert.Equal(new[] { "GoModules /root/go/pkg/mod -> /go/pkg/mod" }, goFacts.Mistargeted);

        Assert.Equal(new[] { "NuGetPackages /root/.nuget/packages dotnet" }, Facts(analysis, DotnetRestore).Missing);
        Assert.Empty(Facts(analysis, DotnetRestore).Mistargeted);

        var quiet = Facts(analysis, Quiet);
        Assert.Empty(quiet.Missing);
        Assert.Empty(quiet.Mistargeted);

        var again = Facts(analysis, GoBuild);
        Assert.Equal(goFacts.Missing, again.Missing);
        Assert.Equal(goFacts.Mistargeted, again.Mistargeted);
    }

    [Fact]
    public void An_analysis_of_many_facts_computed_again_after_a_small_one_holds_the_same_facts()
    {
        // More facts than the tables the analysis keeps for good: the same file analysed again grows its table into
        // the one it keeps while used, the facts found so far copied into it.
        var large = "FROM golang:1.23\n" + string.Concat(Enumerable.Range(0, 700).Select(i => $"RUN go build ./cmd/app{i}\n"));
        var analysis = new CacheAnalysis();

        var first = Facts(analysis, large);
        Assert.Equal(2 * 700, first.Missing.Count);
        Assert.Single(Facts(analysis, DotnetRestore).Missing);
        var again = Facts(analysis, large);

        Assert.Equal(first.Missing, again.Missing);
        Assert.Equal(first.Mistargeted, again.Mistargeted);
    }

    [Fact]
    public void A_cleared_analysis_holds_no_facts()
    {
        var analysis = new CacheAnalysis();
        Facts(analysis, GoBuild);

        analysis.Clear();

        Assert.Equal(0, analysis.Missing.Length);
        Assert.Equal(0, analysis.Mistargeted.Length);
    }

    [Fact]
    public void Findings_of_files_analysed_one_after_another_are_those_of_each_file_alone()
    {
        var alone = new[] { GoBuild, DotnetRestore, Quiet }.Select(text => Describe(DockerfileAnalysis.Analyze(text))).ToList();

        // The same files again, in another order, on the thread that now keeps an analysis of the last one.
        Assert.Equal(alone[2], Describe(DockerfileAnalysis.Analyze(Quiet)));
        Assert.Equal(alone[1], Describe(DockerfileAnalysis.Analyze(DotnetRestore)));
        Assert.Equal(alone[0], Describe(DockerfileAnalysis.Analyze(GoBuild)));
        Assert.Contains(alone[0], finding => finding.StartsWith("DGB012 "));
        Assert.Contains(alone[1], finding => finding.StartsWith("DGB020 "));
    }

    private static (List<string> Missing, List<string> Mistargeted) Facts(CacheAnalysis analysis, string text)
    {
        var model = BuildModel.Create(DockerfileParser.Parse(text), default);
        analysis.Compute(model);
        var missing = new List<string>();
        foreach (var fact in analysis.Missing)
        {
            missing.Add($"{fact.Kind} {fact.Path} {fact.Command.Name}");
        }

        var mistargeted = new List<string>();
        foreach (var fact in analysis.Mistargeted)
        {
            mistargeted.Add($"{fact.Kind} {fact.Mount.Target} -> {fact.ExpectedPath}");
        }

        model.Release();
        return (missing, mistargeted);
    }

    private static List<string> Describe(AnalysisResult result) =>
        result.Findings.Select(finding => $"{finding.Id} {finding.Span} {finding.Message} {finding.FixTitle} {string.Join("|", finding.Fix.Select(edit => edit.ToString()))}").ToList();
}
