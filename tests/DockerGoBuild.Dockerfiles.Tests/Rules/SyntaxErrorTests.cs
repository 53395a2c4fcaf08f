using System.Linq;
using DockerGoBuild.Dockerfiles.Rules;
using Xunit;
using static DockerGoBuild.Dockerfiles.Tests.Rules.RuleAssert;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

public class SyntaxErrorTests
{
    private const string Id = "DGB000";

    [Fact]
    public void UnknownInstruction() =>
        Findings("FROM golang\n[|FOO|] bar\n", Id);

    [Fact]
    public void UnterminatedHeredoc() =>
        Findings("FROM golang\nRUN [|<<EOF|]\necho hi\n", Id);

    [Theory]
    [InlineData("[||]")]
    [InlineData("# only a comment\n[||]")]
    public void NoInstructions(string markup) => Findings(markup, Id);

    [Theory]
    [InlineData("# syntax=docker/dockerfile:1\nFROM golang\nRUN go version\n")]
    [InlineData("# syntax=a\n# syntax=b\nFROM golang\n")] // duplicate directive: DGB002's
    [InlineData("# escape=q\nFROM golang\n")] // invalid escape: DGB002's
    [InlineData("FROM golang\nRUN <<EOF\necho hi\nEOF\n")]
    [InlineData("FROM golang\nRUN echo a \\\n\n    b\n")] // empty continuation line is only a warning
    public void ValidOrDirectiveProblem_NoSyntaxError(string text) => None(text, Id);

    // A Go text/template generator's file is not analysed until it is rendered: no finding of any rule.
    [Theory]
    [InlineData("FROM golang\n{{ range .Steps }}\nRUN go build ./...\n{{ end }}\n")]
    [InlineData("{{- if .Go }}\nFROM golang\nRUN go build ./...\n{{- end }}\n")]
    public void GeneratorTemplate_NotAnalysed(string text) =>
        Assert.Empty(DockerfileAnalysis.Analyze(text).Findings);

    [Fact]
    public void UnknownInstructionOtherThanTemplate_Analysed() =>
        Assert.Contains(DockerfileAnalysis.Analyze("FROM golang\nFOO {{ x }}\nRUN go build ./...\n").Findings, finding => finding.Id == "DGB011");

    [Fact]
    public void Crlf_UnknownInstruction() =>
        Findings(Crlf("FROM golang\n[|BOGUS|] x\n"), Id);

    [Fact]
    public void NoFix() =>
        Assert.False(Assert.Single(Analyze("FROM golang\nFOO bar\n", Id)).IsFixable);

    [Fact]
    public void BinaryContent_OneDiagnosticAndNothingElse()
    {
        var text = "FROM golang\0\u0001\u0002" + new string('\u0003', 100) + "\nRUN go build .\n";

        var finding = Assert.Single(Dockerfiles.Rules.DockerfileAnalysis.Analyze(text).Findings);

        Assert.Equal(Id, finding.Id);
        Assert.Equal(0, finding.Span.Start);
        Assert.StartsWith("The file holds binary data", finding.Message);
    }

    [Theory]
    [InlineData(8191, true)]
    [InlineData(8192, false)]
    public void BinaryContent_ANulCountsInTheFirst8K(int at, bool binary)
    {
        var text = "FROM golang\n#" + new string('x', at - 13) + "\0\nRUN go build .\n";

        Assert.Equal('\0', text[at]);
        Assert.Equal(binary, IsBinary(text));
    }

    [Theory]
    [InlineData('\u0001', 10, false)]
    [InlineData('\u0001', 11, true)]
    [InlineData('\u007F', 11, true)]
    [InlineData('\u0085', 11, true)]
    [InlineData('\uFFFD', 11, true)]
    [InlineData('\t', 11, false)]
    [InlineData('\r', 11, false)]
    [InlineData('\u001B', 11, false)]
    [InlineData('\u00E9', 11, false)]
    public void BinaryContent_MoreThanATenthControlCharacters(char control, int count, bool binary)
    {
        // 100 characters, the controls among them in a comment.
        var text = "FROM golang\n# " + new string(control, count) + new string('x', 85 - count) + "\n";

        Assert.Equal(100, text.Length);
        Assert.Equal(binary, IsBinary(text));
    }

    [Fact]
    public void StrayUndecodableBytesInAComment_AreNotBinary() =>
        None("# syntax=docker/dockerfile:1\n# caf\uFFFD au lait\nFROM golang\n", Id);

    [Theory]
    [InlineData("FOO\u0007BAR x", "Unknown instruction 'FOO?BAR'")]
    [InlineData("ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJ x", "Unknown instruction 'ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJ…'")]
    [InlineData("ghp_0123456789abcdefghijABCDEFGHIJ0123 x", "Unknown instruction '<a GitHub token, not shown>'")]
    public void UnknownInstructionMessage_QuotesShortPrintableAndSecretFree(string line, string message) =>
        Assert.Equal(message, Assert.Single(Analyze("FROM golang\n" + line + "\n", Id)).Message);

    private static bool IsBinary(string text) =>
        Dockerfiles.Rules.DockerfileAnalysis.Analyze(text).Findings.Any(finding => finding.Message.StartsWith("The file holds binary data", System.StringComparison.Ordinal));
}
