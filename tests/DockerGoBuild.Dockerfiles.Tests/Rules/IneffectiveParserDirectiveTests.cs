using Xunit;
using static DockerGoBuild.Dockerfiles.Tests.Rules.RuleAssert;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

public class IneffectiveParserDirectiveTests
{
    private const string Id = "DGB002";

    [Theory]
    [InlineData("# syntax=docker/dockerfile:1\n\n[|# escape=`|]\nFROM golang\n")] // after a blank line
    [InlineData("# syntax=docker/dockerfile:1\nFROM golang\n[|# check=skip=all|]\n")] // after an instruction
    [InlineData("# syntax=docker/dockerfile:1\n# hello\n[|# escape=`|]\nFROM golang\n")] // after an ordinary comment
    [InlineData("FROM golang\n[|# syntax=docker/dockerfile:1|]\n")]
    [InlineData("# escape=`\n\n[|# syntax=docker/dockerfile:1|]\nFROM golang\n")] // LABELS.md 2.4
    [InlineData("FROM golang\n[|#\t SYNTAX = docker/dockerfile:1|]\n")] // a directive's name in any case
    [InlineData("FROM golang\n[|#ChecK=skip=all|]\n")]
    public void MisplacedDirective(string markup) => Findings(markup, Id);

    [Fact]
    public void DirectiveInsideContinuation() =>
        Findings("# syntax=docker/dockerfile:1\nFROM golang\nRUN echo a && \\\n[|# escape=`|]\n    echo b\n", Id);

    [Theory]
    [InlineData("# syntax=docker/dockerfile:1\nFROM golang\nRUN <<EOF\n# syntax=x\nEOF\n")]
    [InlineData("# syntax=docker/dockerfile:1\nFROM golang\nCOPY <<EOF /etc/x\n# escape=`\nEOF\n")]
    [InlineData("# syntax=docker/dockerfile:1\nFROM golang\nRUN echo \"# syntax=docker/dockerfile:1\"\n")]
    [InlineData("# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=all\nFROM golang\n")]
    [InlineData("# syntax=docker/dockerfile:1\n# foo=bar\nFROM golang\n")] // unknown key, not a misspelling
    [InlineData("# syntax=docker/dockerfile:1\n# sx=1\nFROM golang\n")] // key shorter than 4
    [InlineData("# syntax=docker/dockerfile:1\nFROM golang\n# sytnax=x\n")] // misspelling outside the block is an ordinary comment
    [InlineData("FROM golang\n# syntaxes=x\n# check2=x\n# escap=x\n# s=x\n# e\n")] // keys that only start as a directive's name
    [InlineData("#!/bin/sh\n# syntax=docker/dockerfile:1\nFROM golang\n")]
    public void NotAnIneffectiveDirective(string text) => None(text, Id);

    [Fact]
    public void DuplicateKeyInBlock_SecondReported() =>
        Findings("# syntax=docker/dockerfile:1\n[|# syntax=docker/dockerfile:1.7|]\nFROM golang\n", Id);

    [Fact]
    public void DuplicateEscapeInBlock_SecondReported() =>
        Findings("# syntax=docker/dockerfile:1\n# escape=\\\n[|# escape=`|]\nFROM golang\n", Id);

    [Theory]
    [InlineData("# syntax=docker/dockerfile:1\n[|# escpae=`|]\nFROM golang\n")]
    [InlineData("[|# sytnax=docker/dockerfile:1|]\nFROM golang\n")]
    [InlineData("# syntax=docker/dockerfile:1\n[|# chek=skip=all|]\nFROM golang\n")]
    public void MisspeltKey(string markup) => Findings(markup, Id);

    [Fact]
    public void InvalidEscapeValue() =>
        Assert.Single(Analyze("# syntax=docker/dockerfile:1\n# escape=q\nFROM golang\n", Id));

    [Fact]
    public void IndentedSyntax() =>
        Findings("  [|# syntax=docker/dockerfile:1|]\nFROM golang\n", Id);

    [Fact]
    public void SeveralIgnoredSyntaxDirectives_EachReported() =>
        Findings("FROM golang\n[|# syntax=a|]\nRUN true\n[|# syntax=b|]\n", Id);

    [Fact]
    public void Crlf_Misplaced() =>
        Findings(Crlf("FROM golang\n\n[|# syntax=docker/dockerfile:1|]\n"), Id);

    [Fact]
    public void Bom_Indented() =>
        Findings(Bom(" [|# syntax=docker/dockerfile:1|]\nFROM golang\n"), Id);

    [Fact]
    public void Fix_MovesMisplacedSyntaxToTop() =>
        FixGives("FROM golang\n\n# syntax=docker/dockerfile:1\n", Id, "# syntax=docker/dockerfile:1\nFROM golang\n\n");

    [Fact]
    public void Fix_DeletesDuplicate() =>
        FixGives("# syntax=docker/dockerfile:1\n# syntax=docker/dockerfile:1.7\nFROM golang\n", Id, "# syntax=docker/dockerfile:1\nFROM golang\n");

    [Fact]
    public void Fix_SpellsKey() =>
        FixGives("# sytnax=docker/dockerfile:1\nFROM golang\n", Id, "# syntax=docker/dockerfile:1\nFROM golang\n");

    [Fact]
    public void Fix_RemovesIndentation() =>
        FixGives("  # syntax=docker/dockerfile:1\nFROM golang\n", Id, "# syntax=docker/dockerfile:1\nFROM golang\n");
}
