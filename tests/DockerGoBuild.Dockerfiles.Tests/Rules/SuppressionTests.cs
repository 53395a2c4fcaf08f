using Xunit;
using static DockerGoBuild.Dockerfiles.Tests.Rules.RuleAssert;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

public class SuppressionTests
{
    private const string Head = "# syntax=docker/dockerfile:1\nFROM golang\n";

    [Fact]
    public void IgnoreDirectlyAbove_HidesOnlyThatId()
    {
        var text = Head + "# dgb ignore=DGB010\nRUN go build .\n";
        None(text, "DGB010");
        Assert.Single(Analyze(text, "DGB011"));
    }

    [Theory]
    [InlineData("# dgb ignore=DGB010\n", true)]
    [InlineData("#dgb ignore=DGB010\n", true)]
    [InlineData("#\t  DGB ignore=DGB010\n", true)]
    [InlineData("# Dgb ignore=DGB010\r\n", true)]
    [InlineData("# dgbx ignore=DGB010\n", false)]
    [InlineData("# d gb ignore=DGB010\n", false)]
    [InlineData("#\n# dgb ignore=DGB010\n", true)]
    [InlineData("# \n", false)]
    public void The_suppression_word_is_read_in_any_case_after_blanks(string comment, bool hides)
    {
        var findings = DockerfileAnalysisFindings(Head + comment + "RUN go build .\n");
        Assert.Equal(hides, !System.Linq.Enumerable.Any(findings, finding => finding.Id == "DGB010"));
    }

    [Fact]
    public void IgnoreSeveralIds() =>
        Assert.Empty(DockerfileAnalysisFindings(Head + "# dgb ignore=DGB010,DGB011\nRUN go build .\n"));

    [Fact]
    public void IgnoreWithReason() =>
        None(Head + "# dgb ignore=DGB010 -- modules are vendored in CI\nRUN go build .\n", "DGB010");

    [Fact]
    public void BlankLineBreaksContact() =>
        Findings(Head + "# dgb ignore=DGB010\n\nRUN [|go build .|]\n", "DGB010");

    [Fact]
    public void ContiguousCommentsKeepContact() =>
        None(Head + "# dgb ignore=DGB010\n# build the binary\nRUN go build .\n", "DGB010");

    [Fact]
    public void OnlyTheNextInstruction() =>
        Findings(Head + "# dgb ignore=DGB010\nRUN go build ./a\nRUN [|go build ./b|]\n", "DGB010");

    [Fact]
    public void CoversFindingFurtherDownTheInstruction() =>
        None(Head + "# dgb ignore=DGB010\nRUN <<EOF\nset -e\ngo build .\nEOF\n", "DGB010");

    [Fact]
    public void CoversOnbuild() =>
        None(Head + "# dgb ignore=DGB010\nONBUILD RUN go build .\n", "DGB010");

    [Fact]
    public void CoversSecretArg() =>
        None(Head + "# dgb ignore=DGB031 -- only a test fixture\nARG NPM_TOKEN\n", "DGB031");

    [Fact]
    public void GlobalAnywhere()
    {
        var text = Head + "RUN go build ./a\nRUN go build ./b\n# dgb global ignore=DGB010\n";
        None(text, "DGB010");
        Assert.Equal(2, Analyze(text, "DGB011").Count);
    }

    [Fact]
    public void GlobalHidesDgb001() =>
        None("FROM golang\n# dgb global ignore=DGB001 -- legacy builder\n", "DGB001");

    [Fact]
    public void Crlf_Ignore() =>
        None(Crlf(Head + "# dgb ignore=DGB010\nRUN go build .\n"), "DGB010");

    [Fact]
    public void SilencingDgb002_DoesNotBringBackDgb001()
    {
        var text = "FROM golang\n\n# syntax=docker/dockerfile:1\n# dgb global ignore=DGB002\n";
        None(text, "DGB002");
        None(text, "DGB001");
    }

    [Fact]
    public void SilencingDgb012_DoesNotBringBackDgb010()
    {
        var text = Head + "# dgb ignore=DGB012\nRUN --mount=type=cache,target=/go/pkg/mod/cache go mod download\n";
        None(text, "DGB012");
        None(text, "DGB010");
    }

    [Fact]
    public void NotAnIgnoreComment() =>
        Findings(Head + "# dgb ignores DGB010\nRUN [|go build .|]\n", "DGB010");

    [Fact]
    public void Every_rule_has_a_bit_of_its_own() =>
        Assert.InRange(DockerGoBuild.Dockerfiles.Rules.Descriptors.All.Count, 1, 64);

    [Fact]
    public void Two_ignore_comments_above_one_instruction_both_count() =>
        Assert.Empty(DockerfileAnalysisFindings(Head + "# dgb ignore=DGB010\n# dgb ignore=DGB011 -- cached in CI\nRUN go build .\n"));

    [Fact]
    public void Ids_are_read_in_any_case_and_unknown_ones_name_nothing()
    {
        var text = Head + "# dgb ignore=XYZ999,dgb010,\nRUN go build .\n";
        None(text, "DGB010");
        Assert.Single(Analyze(text, "DGB011"));
    }

    [Fact]
    public void An_ignore_comment_at_the_end_of_the_file_hides_nothing() =>
        Assert.Equal(2, Analyze(Head + "RUN go build .\n# dgb ignore=DGB010\n", "DGB010").Count + Analyze(Head + "RUN go build .\n# dgb ignore=DGB010\n", "DGB011").Count);

    [Fact]
    public void Each_of_thousands_of_ignore_comments_hides_its_own_instruction_only()
    {
        var text = new System.Text.StringBuilder(Head);
        for (var i = 0; i < 3000; i++)
        {
            text.Append(i % 2 == 0 ? "# dgb ignore=DGB010,DGB011\n" : "# a note\n").Append("RUN go build ./cmd").Append(i).Append('\n');
        }

        var findings = DockerfileAnalysisFindings(text.ToString());
        Assert.Equal(2 * 1500, System.Linq.Enumerable.Count(findings, finding => finding.Id is "DGB010" or "DGB011"));
        Assert.All(findings, finding => Assert.True(finding.Id is not ("DGB010" or "DGB011") || finding.InstructionLine % 4 == 1));
    }

    private static System.Collections.Generic.IReadOnlyList<DockerGoBuild.Dockerfiles.Rules.Finding> DockerfileAnalysisFindings(string text) =>
        DockerGoBuild.Dockerfiles.Rules.DockerfileAnalysis.Analyze(text).Findings;
}
