using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;
using DockerGoBuild.Dockerfiles.Tests;
using Xunit;
using Xunit.Abstractions;

namespace DockerGoBuild.Cli.Tests;

/// <summary>
/// <c>dockergobuild fix</c> over copies of every real corpus Dockerfile: what was fixable is gone, a second
/// run changes nothing, nothing parses worse, and only the edited instructions changed.
/// </summary>
public class CorpusFixTests
{
    private readonly ITestOutputHelper output;

    public CorpusFixTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void Fix_OverTheCorpus_KeepsEveryPromise()
    {
        using var folder = new TempFolder();
        var files = Corpus.RealDockerfiles()
            .Select((source, index) => new CorpusFile(source, folder.Write($"{index}/{Path.GetFileName(source)}", File.ReadAllBytes(source))))
            .ToList();
        Assert.True(files.Count >= 300, $"only {files.Count} corpus files");

        var first = Tool.Run(new[] { "fix" }.Concat(files.Select(file => file.Copy)).ToArray());
        var second = Tool.Run(new[] { "fix", "--check" }.Concat(files.Select(file => file.Copy)).ToArray());

        Assert.Equal(string.Empty, first.ErrorLines.Where(line => !line.Contains(": warning: not fixed: the file has syntax errors")).FirstOrDefault() ?? string.Empty);
        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.Equal(string.Empty, second.Output);

        var problems = new List<string>();
        int changed = 0, crlf = 0, withBom = 0, untouched = 0, fixableBefore = 0;
        var appliedByRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var filesByPasses = new SortedDictionary<int, int>();
        foreach (var file in files)
        {
            var originalBytes = File.ReadAllBytes(file.Source);
            var fixedBytes = File.ReadAllBytes(file.Copy);
            var original = DockerfileEncoding.Decode(originalBytes, out _);
            var fixedText = DockerfileEncoding.Decode(fixedBytes, out _);
            var before = DockerfileAnalysis.Analyze(original);
            var after = DockerfileAnalysis.Analyze(fixedText);
            var name = Path.GetFileName(file.Source);
            fixableBefore += before.Findings.Count(finding => finding.IsFixable);

            if (before.Findings.Any(finding => finding.Id == RuleIds.SyntaxError))
            {
                untouched++;
                Check(problems, originalBytes.AsSpan().SequenceEqual(fixedBytes), name, "a file with syntax errors was rewritten");
                continue;
            }

            changed += original == fixedText ? 0 : 1;
            var passes = DockerfileFixer.Fix(original).Passes;
            filesByPasses[passes] = filesByPasses.GetValueOrDefault(passes) + 1;
            foreach (var finding in before.Findings.Where(finding => finding.IsFixable))
            {
                appliedByRule[finding.Id] = appliedByRule.GetValueOrDefault(finding.Id) + 1;
            }

            Check(problems, !after.Findings.Any(finding => finding.IsFixable), name, "fixable findings remain: " + string.Join(", ", after.Findings.Where(f => f.IsFixable).Select(f => f.Id)));
            Check(problems, AddedParseDiagnostics(before.Syntax, after.Syntax) is null, name, "new parse diagnostic " + AddedParseDiagnostics(before.Syntax, after.Syntax));
            Check(problems, originalBytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()) == fixedBytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), name, "byte-order mark changed");
            if (original.Contains("\r\n", StringComparison.Ordinal))
            {
                crlf++;
                Check(problems, LineBreaks(fixedText).SetEquals(LineBreaks(original)), name, "line endings changed");
            }

            withBom += originalBytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()) ? 1 : 0;
            if (UnexpectedChange(before.Syntax, after.Syntax) is { } change)
            {
                problems.Add($"{name}: {change}");
            }
        }

        output.WriteLine($"{files.Count} files, {changed} changed, {untouched} left untouched (syntax errors), {crlf} CRLF, {withBom} with BOM");
        output.WriteLine($"{fixableBefore} fixable findings before, 0 after; by rule: {string.Join(", ", appliedByRule.Select(pair => $"{pair.Key} {pair.Value}"))}");
        output.WriteLine($"rewrites per file: {string.Join(", ", filesByPasses.Select(pair => $"{pair.Key} pass(es): {pair.Value} files"))}");
        Assert.Empty(problems);
        Assert.True(changed > 250, $"only {changed} files changed");
    }

    private sealed record CorpusFile(string Source, string Copy);

    private static void Check(List<string> problems, bool condition, string name, string problem)
    {
        if (!condition)
        {
            problems.Add($"{name}: {problem}");
        }
    }

    private static HashSet<string> LineBreaks(string text)
    {
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r')
            {
                kinds.Add(i + 1 < text.Length && text[i + 1] == '\n' ? "CRLF" : "CR");
                i += i + 1 < text.Length && text[i + 1] == '\n' ? 1 : 0;
            }
            else if (text[i] == '\n')
            {
                kinds.Add("LF");
            }
        }

        return kinds;
    }

    private static string? AddedParseDiagnostics(DockerfileSyntax before, DockerfileSyntax after)
    {
        var remaining = before.Diagnostics.Select(diagnostic => diagnostic.Code).ToList();
        foreach (var diagnostic in after.Diagnostics)
        {
            if (!remaining.Remove(diagnostic.Code))
            {
                return diagnostic.Code;
            }
        }

        return null;
    }

    /// <summary>
    /// Matches the two files' lines (with their line breaks) by longest common subsequence. A line of the
    /// original that is gone must belong to an instruction or be a parser directive; a new line must belong
    /// to an instruction of the fixed file or be a parser directive. Comments, blank lines and untouched
    /// instructions therefore stay byte for byte.
    /// </summary>
    private static string? UnexpectedChange(DockerfileSyntax before, DockerfileSyntax after)
    {
        var a = Lines(before);
        var b = Lines(after);
        var (keptA, keptB) = CommonLines(a, b);
        var inInstructionA = InstructionLines(before);
        var inInstructionB = InstructionLines(after);
        for (var i = 0; i < a.Length; i++)
        {
            if (!keptA[i] && !inInstructionA[i] && !IsDirective(a[i]))
            {
                return $"line {i + 1} outside any instruction changed: {a[i].TrimEnd()}";
            }
        }

        for (var j = 0; j < b.Length; j++)
        {
            if (!keptB[j] && !inInstructionB[j] && !IsDirective(b[j]))
            {
                return $"new line {j + 1} outside any instruction: {b[j].TrimEnd()}";
            }
        }

        return null;
    }

    private static bool IsDirective(string line) => line.TrimStart('\uFEFF').TrimStart().StartsWith('#') && line.Contains('=');

    private static string[] Lines(DockerfileSyntax syntax)
    {
        var lines = new string[syntax.Lines.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = syntax.Text.Substring(syntax.Lines.Start(i), syntax.Lines.End(i) - syntax.Lines.Start(i));
        }

        return lines;
    }

    private static bool[] InstructionLines(DockerfileSyntax syntax)
    {
        var inside = new bool[syntax.Lines.Count];
        foreach (var instruction in syntax.Instructions)
        {
            for (var line = instruction.StartLine; line <= instruction.EndLine && line < inside.Length; line++)
            {
                inside[line] = true;
            }
        }

        return inside;
    }

    private static (bool[] KeptA, bool[] KeptB) CommonLines(string[] a, string[] b)
    {
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var keptA = new bool[a.Length];
        var keptB = new bool[b.Length];
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            if (a[i] == b[j])
            {
                keptA[i++] = true;
                keptB[j++] = true;
            }
            else if (lengths[i + 1, j] >= lengths[i, j + 1])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (keptA, keptB);
    }
}
