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

    [Fact]
    public void Crlf_UnknownInstruction() =>
        Findings(Crlf("FROM golang\n[|BOGUS|] x\n"), Id);

    [Fact]
    public void NoFix() =>
        Assert.False(Assert.Single(Analyze("FROM golang\nFOO bar\n", Id)).IsFixable);
}
