using System;
using System.Collections.Generic;
using System.Linq;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

/// <summary>A file's findings come out by start, then rule id, whatever order the rules reported them in.</summary>
public class FindingOrderTests
{
    private static readonly RuleDescriptor[] Rules =
    {
        Descriptors.MissingSyntaxDirective, Descriptors.GoModuleCacheNotMounted, Descriptors.GoBuildCacheNotMounted, Descriptors.SecretInArgOrEnv,
    };

    [Fact]
    public void Runs_reported_rule_after_rule_are_merged_in_order()
    {
        var findings = new List<Finding>
        {
            Make(1, 40), Make(1, 90), Make(2, 40), Make(2, 90), Make(0, 0), Make(3, 10), Make(3, 95),
        };

        Assert.Equal(new[] { "DGB001@0", "DGB031@10", "DGB010@40", "DGB011@40", "DGB010@90", "DGB011@90", "DGB031@95" }, Keys(FindingOrder.ToSortedArray(findings)));
    }

    [Fact]
    public void Findings_at_the_same_start_of_the_same_rule_keep_the_order_they_were_reported_in()
    {
        var first = Make(1, 5, "first");
        var second = Make(1, 5, "second");
        var findings = new List<Finding> { Make(1, 9), first, Make(0, 2), second };

        var sorted = FindingOrder.ToSortedArray(findings);

        Assert.True(Array.IndexOf(sorted, first) < Array.IndexOf(sorted, second));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(200)] // more runs than are merged: sorted
    public void Any_order_comes_out_as_a_sort_would_put_it(int count)
    {
        var random = new Random(count);
        var findings = Enumerable.Range(0, count).Select(_ => Make(random.Next(Rules.Length), random.Next(50))).ToList();
        var expected = findings.OrderBy(finding => finding.Span.Start).ThenBy(finding => finding.Id, StringComparer.Ordinal).Select(Key).ToArray();

        var sorted = FindingOrder.ToSortedArray(findings);

        Assert.Equal(expected, Keys(sorted));
        Assert.Equal(count, sorted.Length);
    }

    [Fact]
    public void Analysis_reports_findings_of_several_rules_in_source_order()
    {
        var findings = DockerfileAnalysis.Analyze("FROM golang\nARG NPM_TOKEN\nRUN go build ./...\nRUN go mod download\n").Findings;

        Assert.Equal(findings.OrderBy(finding => finding.Span.Start).ThenBy(finding => finding.Id, StringComparer.Ordinal), findings);
        Assert.Equal(new[] { "DGB001", "DGB031", "DGB010", "DGB011", "DGB010" }, findings.Select(finding => finding.Id));
    }

    private static Finding Make(int rule, int start, string message = "m") => new(Rules[rule], new TextSpan(start, 1), message, instructionLine: 0);

    private static string Key(Finding finding) => finding.Id + "@" + finding.Span.Start;

    private static string[] Keys(IEnumerable<Finding> findings) => findings.Select(Key).ToArray();
}
