using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

/// <summary>
/// Checks findings against markup in the xunit.analyzers style: <c>[|...|]</c> marks each span where
/// the rule must report, everything else must be clean for that id.
/// </summary>
public static class RuleAssert
{
    public const string Open = "[|";
    public const string Close = "|]";

    /// <summary>Asserts that the findings with <paramref name="id"/> are exactly the marked spans; returns them.</summary>
    public static IReadOnlyList<Finding> Findings(string markup, string id)
    {
        var (text, expected) = Parse(markup);
        var findings = Analyze(text, id);
        Assert.Equal(Describe(text, expected), Describe(text, findings.Select(f => f.Span)));
        return findings;
    }

    /// <summary>Asserts that the rule reports nothing in <paramref name="text"/>.</summary>
    public static void None(string text, string id) =>
        Assert.Equal(Array.Empty<string>(), Describe(text, Analyze(text, id).Select(f => f.Span)));

    /// <summary>Asserts one finding with <paramref name="id"/> whose fix turns <paramref name="text"/> into <paramref name="expected"/>.</summary>
    public static void FixGives(string text, string id, string expected)
    {
        var finding = Assert.Single(Analyze(text, id));
        Assert.True(finding.IsFixable, $"{finding} has no fix");
        Assert.Equal(expected, Apply(text, finding));
    }

    public static IReadOnlyList<Finding> Analyze(string text, string id) =>
        DockerfileAnalysis.Analyze(text).Findings.Where(f => f.Id == id).ToList();

    /// <summary>Applies the finding's edits alone, through the fix engine.</summary>
    public static string Apply(string text, Finding finding) => DockerfileFixer.Apply(text, new[] { finding }, out _);

    public static (string Text, List<TextSpan> Spans) Parse(string markup)
    {
        var text = new StringBuilder();
        var spans = new List<TextSpan>();
        var open = new Stack<int>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (string.CompareOrdinal(markup, i, Open, 0, 2) == 0)
            {
                open.Push(text.Length);
                i++;
            }
            else if (string.CompareOrdinal(markup, i, Close, 0, 2) == 0 && open.Count > 0)
            {
                var start = open.Pop();
                spans.Add(new TextSpan(start, text.Length - start));
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }

        Assert.Empty(open);
        return (text.ToString(), spans);
    }

    /// <summary>The same Dockerfile with CRLF line breaks.</summary>
    public static string Crlf(string text) => text.Replace("\r\n", "\n").Replace("\n", "\r\n");

    /// <summary>The same Dockerfile with a UTF-8 byte order mark.</summary>
    public static string Bom(string text) => "\uFEFF" + text;

    /// <summary>The same Dockerfile written with <c># escape=`</c>: continuation backslashes become backticks.</summary>
    public static string Backtick(string text) => "# escape=`\n" + text.Replace("\\\n", "`\n");

    private static string[] Describe(string text, IEnumerable<TextSpan> spans) =>
        spans.OrderBy(s => s.Start).ThenBy(s => s.Length)
            .Select(s => $"[{s.Start}..{s.Start + s.Length}) \"{Escape(text.Substring(s.Start, s.Length))}\"")
            .ToArray();

    private static string Escape(string s) => s.Replace("\r", "\\r").Replace("\n", "\\n");
}
