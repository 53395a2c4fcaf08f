using System.Linq;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Robustness;

/// <summary>Inputs the property and mutation tests found, kept so the bugs they showed stay fixed.</summary>
public class RegressionTests
{
    [Theory]
    [InlineData("FROM alpine\n \\\nCOPY . .\n", 2)]
    [InlineData("FROM alpine\n\\\n\\\nRUN true\n", 3)]
    [InlineData("# escape=`\nFROM alpine\n `\r\nRUN true\r\n", 3)]
    public void An_instruction_starts_on_its_keywords_line_after_lines_that_only_continue(string text, int keywordLine)
    {
        var instruction = DockerfileParser.Parse(text).Instructions[1];

        Assert.Equal(keywordLine, instruction.StartLine);
        Invariants.Hold(text);
    }

    [Fact]
    public void A_keyword_split_by_a_continuation_keeps_a_consistent_model()
    {
        const string text = "FROM alpine\nRU\\\nN true\n";
        var run = DockerfileParser.Parse(text).Instructions[1];

        Assert.Equal(InstructionKind.Run, run.Kind);
        Assert.Equal("RU\\\nN", text.Substring(run.KeywordSpan.Start, run.KeywordSpan.Length));
        Invariants.Hold(text);
    }

    [Fact]
    public void A_mount_is_inserted_before_the_double_dash_that_ends_the_flags()
    {
        const string text = "# syntax=docker/dockerfile:1\nFROM golang:1.22\nRUN -- go build ./...\n";

        var result = DockerfileFixer.Fix(text, new[] { "DGB010" });

        Assert.Equal("# syntax=docker/dockerfile:1\nFROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod -- go build ./...\n", result.Text);
        Assert.Empty(result.Remaining);
        Invariants.Hold(text);
    }

    [Fact]
    public void A_mount_goes_after_a_keyword_split_by_a_continuation_and_fixing_twice_changes_nothing_more()
    {
        const string text = "# syntax=docker/dockerfile:1\nFROM golang:1.22\nR\\\nUN go build ./...\n";

        var result = DockerfileFixer.Fix(text, new[] { "DGB010" });

        Assert.Equal("# syntax=docker/dockerfile:1\nFROM golang:1.22\nR\\\nUN --mount=type=cache,target=/go/pkg/mod go build ./...\n", result.Text);
        Invariants.Hold(text);
    }

    [Theory]
    [InlineData("ENV GOCACHE /cache,ro")]
    [InlineData("ENV GOCACHE=\"/my cache\"")]
    [InlineData("ENV GOCACHE=/c\u0004che")]
    public void A_cache_path_that_a_mount_option_cannot_hold_gets_a_finding_without_a_fix(string env)
    {
        var text = "# syntax=docker/dockerfile:1\nFROM golang:1.22\n" + env + "\nRUN go build ./...\n";

        var finding = Assert.Single(DockerfileAnalysis.Analyze(text).Findings, f => f.Id == "DGB011");

        Assert.False(finding.IsFixable);
        Assert.Equal(text, DockerfileFixer.Fix(text, new[] { "DGB011" }).Text);
        Invariants.Hold(text);
    }

    [Fact]
    public void A_mistargeted_cache_mount_whose_real_path_a_mount_option_cannot_hold_is_not_rewritten()
    {
        const string text = "# syntax=docker/dockerfile:1\nFROM golang:1.22\nENV GOMODCACHE=/m,x\nRUN --mount=type=cache,target=/go/pkg/mod go build ./...\n";

        var findings = DockerfileAnalysis.Analyze(text).Findings.Where(f => f.Id == "DGB012").ToList();

        Assert.NotEmpty(findings);
        Assert.All(findings, finding => Assert.False(finding.IsFixable));
        Invariants.Hold(text);
    }
}
