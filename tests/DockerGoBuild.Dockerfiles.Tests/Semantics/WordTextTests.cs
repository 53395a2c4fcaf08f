using System.Linq;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Semantics;

public class WordTextTests
{
    [Theory]
    [InlineData("ENV A=1 B=2\n", "A=1 B=2")]
    [InlineData("ENV A=1 \\\n    B=2\n", "A=1 B=2")]
    [InlineData("ENV LONG_NAME=first \\\n  OTHER=sec\\\nond \\\n  LA\\\nST=x\n", "LONG_NAME=first OTHER=second LAST=x")]
    [InlineData("ENV A=\"one \\\n two\" B=three\n", "A=\"one  two\" B=three")]
    public void A_word_reads_as_its_value_whether_it_lies_in_one_piece_of_its_line_or_across_pieces(string text, string expected)
    {
        var instruction = DockerfileParser.Parse(text).InstructionList[0];
        char[]? keys = null;
        char[]? values = null;
        var pairs = Enumerable.Range(0, instruction.PairList.Count).Select(i =>
        {
            var pair = instruction.PairList[i];
            return WordText.Read(pair.Key, ref keys).ToString() + "=" + WordText.Read(pair.Value, ref values).ToString();
        });

        Assert.Equal(expected, string.Join(" ", pairs));
    }
}
