using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Syntax;

/// <summary>An instruction's start line is its keyword's, told from where it ends or by a search of the line starts.</summary>
public class InstructionStartLineTests
{
    [Theory]
    [InlineData("FROM golang\nRUN go build .\n", new[] { 0, 1 })]
    [InlineData("FROM golang\nRUN go mod download && \\\n    go build .\n", new[] { 0, 1 })] // continued
    [InlineData("FROM golang\n  RUN \\\n# a comment in the continuation\n  go build .\n\n", new[] { 0, 1 })]
    [InlineData("FROM golang\r\nRUN go build \\\r\n  .\r\nCMD [\"app\"]", new[] { 0, 1, 3 })] // CRLF, no final line break
    [InlineData("FROM golang\rRUN \\\r  go build .\r", new[] { 0, 1 })] // lone CR
    [InlineData("FROM golang\nRUN <<EOF\ngo build .\nEOF\nRUN go vet\n", new[] { 0, 1, 4 })] // heredoc
    [InlineData("FROM golang\nONBUILD RUN \\\n  go build .\n", new[] { 0, 1 })]
    [InlineData("FROM golang\nR\\\nUN go build .\n", new[] { 0, 1 })] // the keyword itself continued
    public void Start_is_the_line_of_the_keyword(string text, int[] expected)
    {
        var instructions = DockerfileParser.Parse(text).Instructions;
        Assert.Equal(expected.Length, instructions.Count);
        for (var i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            Assert.Equal(expected[i], instruction.StartLine);
            Assert.Equal(instruction.Line.Lines.GetLineIndex(instruction.KeywordSpan.Start), instruction.StartLine);
            Assert.Equal(expected[i], instruction.Effective.StartLine);
        }
    }
}
