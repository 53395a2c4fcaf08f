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
}
