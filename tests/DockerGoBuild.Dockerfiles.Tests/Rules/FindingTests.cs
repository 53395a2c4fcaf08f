using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

/// <summary>A finding whose fix is one edit makes the edit and its list only when the fix is first read.</summary>
public class FindingTests
{
    [Fact]
    public void A_one_edit_fix_is_that_edit_and_stays_the_same_list()
    {
        var finding = Finding.WithOneEdit(Descriptors.GoBuildCacheNotMounted, new TextSpan(10, 4), "message", 1, new TextSpan(3, 0), "--mount=type=cache,target=/x ", "Add it");

        Assert.True(finding.IsFixable);
        var edit = Assert.Single(finding.Fix);
        Assert.Equal(new TextSpan(3, 0), edit.Span);
        Assert.Equal("--mount=type=cache,target=/x ", edit.NewText);
        Assert.Same(finding.Fix, finding.Fix);
        Assert.Equal("Add it", finding.FixTitle);
        Assert.Null(finding.BuildFlag);
        Assert.True(finding.IsFixable);
    }

    [Fact]
    public void Threads_that_read_a_one_edit_fix_at_once_get_one_list()
    {
        for (var round = 0; round < 50; round++)
        {
            var finding = Finding.WithOneEdit(Descriptors.SshKeyMountedAsSecret, new TextSpan(0, 5), "message", 0, new TextSpan(0, 5), "--mount=type=ssh", "Use it", "--ssh default");
            var lists = new IReadOnlyList<TextEdit>[8];
            Parallel.For(0, lists.Length, i => lists[i] = finding.Fix);

            Assert.All(lists, list => Assert.Same(lists[0], list));
            Assert.Equal("--mount=type=ssh", Assert.Single(lists[0]).NewText);
        }
    }

    [Fact]
    public void Texts_are_made_when_first_read_and_then_kept()
    {
        var texts = new CountingTexts();
        var finding = new Finding(Descriptors.SecretInArgOrEnv, new TextSpan(0, 3), texts, 2, fix: null);
        Assert.Equal(0, texts.Made);

        Assert.Equal("message 1", finding.Message);
        Assert.Equal("message 1", finding.Message);
        Assert.Equal("title 2", finding.FixTitle);
        Assert.Equal("flag 3", finding.BuildFlag);
        Assert.Equal("title 2", finding.FixTitle);
        Assert.Equal(3, texts.Made);
        Assert.False(finding.IsFixable);
    }

    private sealed class CountingTexts : FindingTexts
    {
        public int Made { get; private set; }

        public override string Message() => "message " + ++Made;

        public override string? FixTitle() => "title " + ++Made;

        public override string? BuildFlag() => "flag " + ++Made;
    }

    [Fact]
    public void A_finding_made_with_a_list_keeps_it()
    {
        var edits = new[] { TextEdit.Insert(0, "a"), TextEdit.Delete(new TextSpan(2, 1)) };
        var fixable = new Finding(Descriptors.SyntaxError, new TextSpan(0, 1), "message", 0, edits, "Fix it");
        var unfixable = new Finding(Descriptors.SyntaxError, new TextSpan(0, 1), "message", 0);

        Assert.Same(edits, fixable.Fix);
        Assert.True(fixable.IsFixable);
        Assert.Empty(unfixable.Fix);
        Assert.False(unfixable.IsFixable);
    }

    [Fact]
    public void The_cache_rules_fixes_read_from_an_analysis_are_their_edits()
    {
        var findings = DockerfileAnalysis.Analyze("# syntax=docker/dockerfile:1\nFROM golang:1.23\nRUN --mount=type=cache,target=/root/go/pkg/mod \\\n    go build ./...\n").Findings;

        Assert.Equal(new[] { "DGB011", "DGB012" }, findings.Select(finding => finding.Id).OrderBy(id => id).ToArray());
        Assert.All(findings, finding => Assert.True(finding.IsFixable));
        var mismatch = findings.Single(finding => finding.Id == "DGB012");
        Assert.Equal("/go/pkg/mod", Assert.Single(mismatch.Fix).NewText);
        var buildCache = findings.Single(finding => finding.Id == "DGB011");
        Assert.Equal("--mount=type=cache,target=/root/.cache/go-build ", Assert.Single(buildCache.Fix).NewText);
    }
}
