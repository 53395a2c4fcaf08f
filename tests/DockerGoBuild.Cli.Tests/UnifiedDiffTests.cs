using DockerGoBuild.Cli.Fix;
using Xunit;

namespace DockerGoBuild.Cli.Tests;

public class UnifiedDiffTests
{
    [Fact]
    public void Distant_changes_get_separate_hunks_with_three_lines_of_context()
    {
        var old = string.Join("\n", Lines(1, 20)) + "\n";
        var changed = "0\n" + old.Replace("l15\n", "l15 changed\n");

        var diff = UnifiedDiff.Create("a/f", "b/f", old, changed);

        Assert.Equal(
            "--- a/f\n+++ b/f\n"
            + "@@ -1,3 +1,4 @@\n+0\n l1\n l2\n l3\n"
            + "@@ -12,7 +13,7 @@\n l12\n l13\n l14\n-l15\n+l15 changed\n l16\n l17\n l18\n",
            diff);
    }

    [Fact]
    public void Close_changes_share_one_hunk_and_crlf_is_not_shown()
    {
        var old = "a\r\nb\r\nc\r\nd\r\ne\r\n";
        var changed = "a\r\nB\r\nc\r\nD\r\ne\r\n";

        var diff = UnifiedDiff.Create("a/f", "b/f", old, changed);

        Assert.Equal("--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n-d\n+D\n e\n", diff);
    }

    [Fact]
    public void Redaction_applies_to_every_printed_line()
    {
        var diff = UnifiedDiff.Create("a/f", "b/f", "x\nARG TOKEN=abc\n", "x\n", DiffRedaction.Line);

        Assert.Equal("--- a/f\n+++ b/f\n@@ -1,2 +1,1 @@\n x\n-ARG TOKEN=***\n", diff);
    }

    private static string[] Lines(int from, int to)
    {
        var lines = new string[to - from + 1];
        for (var i = from; i <= to; i++)
        {
            lines[i - from] = "l" + i;
        }

        return lines;
    }
}
