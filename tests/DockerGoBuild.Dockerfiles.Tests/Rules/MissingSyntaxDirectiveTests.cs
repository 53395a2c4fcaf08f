using Xunit;
using static DockerGoBuild.Dockerfiles.Tests.Rules.RuleAssert;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

public class MissingSyntaxDirectiveTests
{
    private const string Id = "DGB001";

    [Fact]
    public void NoDirective_ReportsLineOne() =>
        Findings("[|FROM golang|]\nRUN go version\n", Id);

    [Fact]
    public void EscapeAndComment_StillLineOne() =>
        Findings("[|# escape=`|]\n# a comment\nFROM mcr.microsoft.com/dotnet/sdk\n", Id);

    [Fact]
    public void CommentFirst_ReportsTheCommentLine() =>
        Findings("[|# build the app|]\nFROM golang\n", Id);

    [Theory]
    [InlineData("# syntax=docker/dockerfile:1\nFROM golang\n")]
    [InlineData("#syntax=x\nFROM golang\n")]
    [InlineData("# SYNTAX=x\nFROM golang\n")]
    [InlineData("# syntax = docker/dockerfile:1.7\nFROM golang\n")]
    [InlineData("# escape=`\n# syntax=docker/dockerfile:1\nFROM golang\n")]
    [InlineData("# check=skip=all\n# syntax=anything\nFROM golang\n")]
    [InlineData("#!/usr/bin/env dockerfile\n# syntax=docker/dockerfile:1\nFROM golang\n")]
    public void EffectiveDirective_NoFinding(string text) => None(text, Id);

    [Fact]
    public void DuplicateSyntax_FirstStaysEffective() =>
        None("# syntax=docker/dockerfile:1\n# syntax=docker/dockerfile:1.7\nFROM golang\n", Id);

    [Theory]
    [InlineData("FROM golang\n\n# syntax=docker/dockerfile:1\n")] // misplaced
    [InlineData("# escape=`\n\n# syntax=docker/dockerfile:1\nFROM golang\n")] // LABELS.md 2.4 example
    [InlineData(" # syntax=docker/dockerfile:1\nFROM golang\n")] // indented
    [InlineData("# sytnax=docker/dockerfile:1\nFROM golang\n")] // misspelt
    [InlineData("# comment\n# syntax=a\nFROM golang\n# syntax=b\n")] // several ignored
    public void IgnoredSyntaxDirective_ReportedAsDgb002Only(string text)
    {
        None(text, Id);
        Assert.NotEmpty(Analyze(text, "DGB002"));
    }

    [Theory]
    [InlineData("[|FROM golang|]\n# escape=`\n")]
    [InlineData("[|FROM golang|]\n\n# check=skip=all\n")]
    [InlineData("[|# escpae=`|]\nFROM golang\n")]
    public void IgnoredEscapeOrCheck_StillMissingSyntax(string markup) => Findings(markup, Id);

    [Fact]
    public void Bom_SpanStartsAfterIt() =>
        Findings(Bom("[|FROM golang|]\n"), Id);

    [Fact]
    public void BomWithDirective_NoFinding() =>
        None(Bom("# syntax=docker/dockerfile:1\nFROM golang\n"), Id);

    [Fact]
    public void Crlf_Reported() =>
        Findings(Crlf("[|FROM golang|]\nRUN true\n"), Id);

    [Fact]
    public void Fix_InsertsDirective() =>
        FixGives("FROM golang\nRUN go version\n", Id, "# syntax=docker/dockerfile:1\nFROM golang\nRUN go version\n");

    [Fact]
    public void Fix_KeepsCrlf() =>
        FixGives("FROM golang\r\n", Id, "# syntax=docker/dockerfile:1\r\nFROM golang\r\n");

    [Fact]
    public void Fix_GoesAfterBom() =>
        FixGives(Bom("FROM golang\n"), Id, Bom("# syntax=docker/dockerfile:1\nFROM golang\n"));

    [Fact]
    public void Fix_GoesAfterShebang() =>
        FixGives("#!/usr/bin/env docker\nFROM golang\n", Id, "#!/usr/bin/env docker\n# syntax=docker/dockerfile:1\nFROM golang\n");

    [Theory]
    [InlineData("FROM alpine\nRUN true\n", "FROM golang\nRUN make\n")]
    [InlineData("FROM alpine\r\nRUN true\r\n", "FROM golang\r\nRUN make\r\n")]
    [InlineData("FROM alpine\nRUN true\n", "FROM golang\r\nRUN make\r\n")]
    [InlineData("\uFEFFFROM alpine\n", "\uFEFFFROM golang\n")]
    [InlineData("#!/bin/sh\nFROM alpine\n", "#!/bin/sh\nFROM golang\n")]
    [InlineData("FROM alpine\n", "FROM golang:1.23\n")]
    public void Findings_of_first_lines_alike_are_alike(string first, string second)
    {
        // Files whose first lines are as long and end alike share their finding; every other pair has its own. Either
        // way, each file's finding says what a finding made for it alone says, fix included.
        var a = Assert.Single(DockerGoBuild.Dockerfiles.Rules.DockerfileAnalysis.Analyze(first).Findings, f => f.Id == Id);
        var b = Assert.Single(DockerGoBuild.Dockerfiles.Rules.DockerfileAnalysis.Analyze(second).Findings, f => f.Id == Id);
        foreach (var (finding, text) in new[] { (a, first), (b, second) })
        {
            var firstLineEnd = text.IndexOfAny(new[] { '\r', '\n' });
            var start = text.StartsWith('\uFEFF') ? 1 : 0;
            Assert.Equal(start, finding.Span.Start);
            Assert.Equal(firstLineEnd, finding.Span.End);
            Assert.Equal(0, finding.InstructionLine);
            Assert.Equal("Add '# syntax=docker/dockerfile:1'", finding.FixTitle);
            var fixedText = DockerGoBuild.Dockerfiles.Fixes.DockerfileFixer.Apply(text, new[] { finding }, out var applied);
            Assert.Single(applied);
            Assert.Contains("# syntax=docker/dockerfile:1" + (text.Contains("\r\n") ? "\r\n" : "\n"), fixedText);
        }

        var alike = a.Span == b.Span && first.Contains("\r\n") == second.Contains("\r\n") && !first.StartsWith("#!") && !first.StartsWith('\uFEFF');
        Assert.Equal(alike, ReferenceEquals(a, b));
    }
}
