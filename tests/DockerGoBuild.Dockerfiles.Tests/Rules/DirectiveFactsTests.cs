using System.Linq;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

/// <summary>
/// The directive facts are a value the thread's analysis context keeps between analyses: each file's DGB001 and
/// DGB002 findings must be its own.
/// </summary>
public class DirectiveFactsTests
{
    private const string WithSyntax = "# syntax=docker/dockerfile:1\nFROM alpine\n";
    private const string WithoutSyntax = "FROM alpine\n";
    private const string IndentedSyntax = "  # syntax=docker/dockerfile:1\nFROM alpine\n";
    private const string MisplacedEscape = "FROM alpine\n# escape=`\nRUN true\n";

    [Fact]
    public void Files_analysed_one_after_another_each_get_their_own_directive_findings()
    {
        for (var round = 0; round < 2; round++)
        {
            Assert.Empty(Ids(WithSyntax));
            Assert.Equal(new[] { "DGB001" }, Ids(WithoutSyntax));
            Assert.Equal(new[] { "DGB002" }, Ids(IndentedSyntax));
            Assert.Equal(new[] { "DGB001", "DGB002" }, Ids(MisplacedEscape));
        }
    }

    [Fact]
    public void The_facts_of_a_file_without_directives_start_at_its_text()
    {
        var plain = DirectiveFacts.Compute(DockerfileParser.Parse(WithoutSyntax));
        var withBom = DirectiveFacts.Compute(DockerfileParser.Parse("\uFEFF" + WithoutSyntax));
        var withSyntax = DirectiveFacts.Compute(DockerfileParser.Parse(WithSyntax));

        Assert.Equal((0, 0, false), (plain.TopBlockEnd, plain.ShebangEnd, plain.EffectiveSyntax.HasValue));
        Assert.Equal((1, 1, false), (withBom.TopBlockEnd, withBom.ShebangEnd, withBom.EffectiveSyntax.HasValue));
        Assert.True(withSyntax.EffectiveSyntax.HasValue);
        Assert.Equal(WithSyntax.IndexOf('\n') + 1, withSyntax.TopBlockEnd);
        Assert.Empty(withSyntax.Ineffective);
    }

    private static string[] Ids(string text) =>
        DockerfileAnalysis.Analyze(text).Findings.Select(finding => finding.Id).Where(id => id is "DGB001" or "DGB002").OrderBy(id => id).ToArray();
}
