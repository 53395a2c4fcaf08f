using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Syntax;

/// <summary>BuildKit's own parser test cases: the dump of our model must equal BuildKit's expected result byte for byte.</summary>
public class BuildKitConformanceTests
{
    public static IEnumerable<object[]> PositiveCases() =>
        Directory.GetDirectories(Path.Combine(Corpus.BuildKitParser, "testfiles")).OrderBy(d => d).Select(d => new object[] { Path.GetFileName(d) });

    public static IEnumerable<object[]> NegativeCases() =>
        Directory.GetDirectories(Path.Combine(Corpus.BuildKitParser, "testfiles-negative")).OrderBy(d => d).Select(d => new object[] { Path.GetFileName(d) });

    [Fact]
    public void The_corpus_has_all_33_positive_and_4_negative_cases()
    {
        Assert.Equal(33, PositiveCases().Count());
        Assert.Equal(4, NegativeCases().Count());
    }

    [Theory]
    [MemberData(nameof(PositiveCases))]
    public void Dump_matches_BuildKit_result(string name)
    {
        var folder = Path.Combine(Corpus.BuildKitParser, "testfiles", name);
        var syntax = DockerfileParser.Parse(Corpus.Read(Path.Combine(folder, "Dockerfile"), out _));
        var expected = File.ReadAllText(Path.Combine(folder, "result"), Encoding.UTF8);

        Assert.Equal(expected, BuildKitDump.Dump(syntax));
        Assert.False(syntax.HasErrors, string.Join("; ", syntax.Diagnostics.Select(d => d.Message)));
    }

    [Theory]
    [MemberData(nameof(NegativeCases))]
    public void Negative_case_is_rejected_with_a_diagnostic(string name)
    {
        var path = Path.Combine(Corpus.BuildKitParser, "testfiles-negative", name, "Dockerfile");
        var syntax = DockerfileParser.Parse(Corpus.Read(path, out _));

        Assert.True(syntax.HasErrors);
        Assert.All(syntax.Diagnostics, d => Assert.InRange(d.Span.End, 0, syntax.Text.Length));
    }
}
