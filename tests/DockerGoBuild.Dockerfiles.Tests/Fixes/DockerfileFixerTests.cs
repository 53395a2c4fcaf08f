using System.Linq;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;
using static DockerGoBuild.Dockerfiles.Tests.Rules.RuleAssert;

namespace DockerGoBuild.Dockerfiles.Tests.Fixes;

public class DockerfileFixerTests
{
    private const string Directive = "# syntax=docker/dockerfile:1\n";
    private const string ModCache = "--mount=type=cache,target=/go/pkg/mod";
    private const string BuildCache = "--mount=type=cache,target=/root/.cache/go-build";

    [Fact]
    public void ComposesDirectiveAndTwoMountsOnOneRunInOnePass()
    {
        var result = DockerfileFixer.Fix("FROM golang:1.23\nRUN go build ./...\n");

        Assert.Equal(Directive + $"FROM golang:1.23\nRUN {ModCache} {BuildCache} go build ./...\n", result.Text);
        Assert.Equal(new[] { "DGB001", "DGB010", "DGB011" }, result.Applied.Select(f => f.Id).OrderBy(id => id));
        Assert.Empty(result.Remaining);
        Assert.True(result.Changed);
        Assert.Equal(1, result.Passes);
    }

    [Fact]
    public void MultiLineRunGetsEachMountOnItsOwnContinuedLine()
    {
        var text = Directive + "FROM golang:1.23\nRUN \\\n    go mod download && \\\n    go build ./...\n";

        var result = DockerfileFixer.Fix(text);

        Assert.Equal(
            Directive + $"FROM golang:1.23\nRUN \\\n    {ModCache} \\\n    {BuildCache} \\\n    go mod download && \\\n    go build ./...\n",
            result.Text);
    }

    [Fact]
    public void OnlySelectedRulesAreFixed()
    {
        var result = DockerfileFixer.Fix("FROM golang:1.23\nRUN go build ./...\n", new[] { "dgb011" });

        Assert.Equal($"FROM golang:1.23\nRUN {BuildCache} go build ./...\n", result.Text);
        Assert.Equal("DGB011", Assert.Single(result.Applied).Id);
        Assert.Contains(result.Findings, f => f.Id == "DGB010");
    }

    [Fact]
    public void SecondFixChangesNothing()
    {
        var once = DockerfileFixer.Fix("FROM golang:1.23 AS build\nARG GITHUB_TOKEN\nRUN go build ./...\nFROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet restore\n");
        var twice = DockerfileFixer.Fix(once.Text);

        Assert.True(once.Changed);
        Assert.False(twice.Changed);
        Assert.Empty(twice.Applied);
        Assert.Same(twice.OriginalText, twice.Text);
    }

    [Fact]
    public void SharedDirectiveInsertIsAppliedOnce()
    {
        // DGB031 needs the directive for env= and DGB001 asks for it too: one line, not two.
        var text = "FROM alpine\nARG NPM_TOKEN\nRUN echo \"$NPM_TOKEN\" > .npmrc\n";

        var result = DockerfileFixer.Fix(text);

        Assert.Equal(1, CountOf(result.Text, "# syntax="));
        Assert.Contains("DGB031", result.Applied.Select(f => f.Id));
        Assert.DoesNotContain("ARG NPM_TOKEN", result.Text);
        Assert.Contains("--mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN", result.Text);
    }

    [Fact]
    public void KeepsCrlfBomAndBacktickEscape()
    {
        var text = Bom(Crlf(Backtick("FROM golang:1.23\nRUN \\\n  go build .\n")));

        var result = DockerfileFixer.Fix(text, new[] { "DGB011" });

        Assert.Equal(Bom(Crlf(Backtick($"FROM golang:1.23\nRUN \\\n  {BuildCache} \\\n  go build .\n"))), result.Text);
    }

    [Fact]
    public void FileWithSyntaxErrorsIsLeftUntouched()
    {
        var text = "FROM golang:1.23\nRUN go build .\nBUILD ./...\n";
        Assert.Contains(DockerfileAnalysis.Analyze(text).Findings, f => f.Id == "DGB000");

        var result = DockerfileFixer.Fix(text);

        Assert.True(result.LeftUntouched);
        Assert.False(result.Changed);
        Assert.Contains("syntax errors", result.Reason);
    }

    [Fact]
    public void CollidingFixWaitsForTheNextPass()
    {
        var text = "FROM golang:1.23\nRUN go build .\n";
        var finding = DockerfileAnalysis.Analyze(text).Findings.First(f => f.Id == "DGB011");
        var colliding = new Finding(finding.Rule, finding.Span, finding.Message, finding.InstructionLine,
            new[] { TextEdit.Delete(new TextSpan(finding.Fix[0].Span.Start - 2, 4)) }, "collides");

        var rewritten = DockerfileFixer.Apply(text, new[] { finding, colliding }, out var applied);

        Assert.Same(finding, Assert.Single(applied));
        Assert.Equal($"FROM golang:1.23\nRUN {BuildCache} go build .\n", rewritten);
    }

    [Fact]
    public void InsertsAtOnePositionKeepFindingOrderBeforeARewriteStartingThere()
    {
        var text = "abcdef";
        var finding = DockerfileAnalysis.Analyze("FROM a\nRUN go build .\n").Findings.First(f => f.Id == "DGB011");
        Finding With(params TextEdit[] edits) => new(finding.Rule, finding.Span, finding.Message, 0, edits, "t");

        var rewritten = DockerfileFixer.Apply(
            text,
            new[] { With(TextEdit.Delete(new TextSpan(2, 2))), With(TextEdit.Insert(2, "X")), With(TextEdit.Insert(2, "Y")) },
            out var applied);

        Assert.Equal(3, applied.Count);
        Assert.Equal("abXYef", rewritten);
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, string.Empty).Length) / value.Length;
}
