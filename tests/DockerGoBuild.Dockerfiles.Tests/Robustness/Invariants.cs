using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;
using DockerGoBuild.Dockerfiles.Tests.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Robustness;

/// <summary>
/// What must hold for any input at all, however broken: nothing throws (parser, rules, fix engine), every span
/// lies inside the text in order, the model rebuilds the exact input, fixing is idempotent, and a fix never
/// turns a file that parsed cleanly into one that does not.
/// </summary>
public static class Invariants
{
    /// <summary>Checks every invariant on bytes as read from disk, the encoding round trip included.</summary>
    public static void Hold(byte[] bytes)
    {
        var text = DockerfileEncoding.Decode(bytes, out var encoding);
        var syntax = DockerfileParser.Parse(text);
        Assert.Equal(bytes, DockerfileEncoding.Encode(ModelText.Rebuild(syntax), encoding));
        Hold(syntax);
    }

    /// <summary>Checks every invariant on a text.</summary>
    public static void Hold(string text) => Hold(DockerfileParser.Parse(text));

    private static void Hold(DockerfileSyntax syntax)
    {
        var text = syntax.Text;
        Assert.Equal(text, ModelText.Rebuild(syntax));
        ModelText.AssertConsistent(syntax);
        SyntaxSpansHold(syntax);

        var analysis = DockerfileAnalysis.Analyze(syntax);
        FindingsHold(syntax, analysis.Findings);

        var once = DockerfileFixer.Fix(text);
        if (once.LeftUntouched)
        {
            Assert.Equal(text, once.Text);
            return;
        }

        var fixedSyntax = DockerfileParser.Parse(once.Text);
        if (!syntax.HasErrors)
        {
            Assert.False(fixedSyntax.HasErrors, "the fix broke a clean parse: " + FirstError(fixedSyntax));
        }

        var twice = DockerfileFixer.Fix(once.Text);
        Assert.Equal(once.Text, twice.Text);
        if (once.Changed)
        {
            FindingsHold(fixedSyntax, once.Findings);
        }
    }

    private static void SyntaxSpansHold(DockerfileSyntax syntax)
    {
        var length = syntax.Text.Length;
        var lineCount = syntax.Lines.Count;
        Assert.True(lineCount >= 1);
        var lines = new bool[lineCount];
        for (var line = 0; line < lineCount; line++)
        {
            Inside(TextSpan.FromBounds(syntax.Lines.Start(line), syntax.Lines.End(line)), length, "line");
            Assert.True(syntax.Lines.ContentEnd(line) <= syntax.Lines.End(line));
            Assert.True(line == 0 || syntax.Lines.Start(line) == syntax.Lines.End(line - 1), $"line {line} does not start where line {line - 1} ends");
        }

        Assert.Equal(length, syntax.Lines.End(lineCount - 1));

        foreach (var instruction in syntax.Instructions)
        {
            Inside(instruction.Span, length, "instruction");
            Inside(instruction.KeywordSpan, length, "keyword");
            Assert.True(instruction.StartLine <= instruction.EndLine && instruction.EndLine < lineCount);
            for (var line = instruction.StartLine; line <= instruction.EndLine; line++)
            {
                lines[line] = true;
            }

            InstructionHolds(syntax, instruction);
            if (instruction.Inner is { } inner)
            {
                Assert.Equal(instruction.Line, inner.Line);
                InstructionHolds(syntax, inner);
            }
        }

        var previous = -1;
        foreach (var comment in syntax.Comments)
        {
            Inside(comment.Span, length, "comment");
            Assert.True(comment.Line > previous, "comments out of order");
            previous = comment.Line;
            lines[comment.Line] = true;
        }

        previous = -1;
        foreach (var directive in syntax.Directives)
        {
            Inside(directive.Span, length, "directive");
            Assert.True(directive.Span.Contains(directive.KeySpan) && directive.Span.Contains(directive.ValueSpan), "directive key or value outside it");
            Assert.True(directive.Line > previous, "directives out of order");
            previous = directive.Line;
        }

        foreach (var diagnostic in syntax.Diagnostics)
        {
            Inside(diagnostic.Span, length, "parse diagnostic");
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
        }

        // A line that belongs to no instruction and is no comment carries nothing: blanks and stray escapes only.
        for (var line = 0; line < lineCount; line++)
        {
            if (lines[line])
            {
                continue;
            }

            for (var i = syntax.Lines.Start(line); i < syntax.Lines.ContentEnd(line); i++)
            {
                var c = syntax.Text[i];
                Assert.True(char.IsWhiteSpace(c) || c == syntax.EscapeCharacter || (i == 0 && c == '\uFEFF'), $"line {line} is neither blank, a comment nor part of an instruction");
            }
        }
    }

    private static void InstructionHolds(DockerfileSyntax syntax, Instruction instruction)
    {
        var length = syntax.Text.Length;
        var logical = instruction.Line.Text.Length;
        Assert.True(instruction.KeywordStart <= instruction.ArgumentsStart && instruction.ArgumentsStart <= instruction.ArgumentsEnd && instruction.ArgumentsEnd <= logical);
        var previousEnd = 0;
        foreach (var flag in instruction.Flags)
        {
            Assert.True(flag.Start >= previousEnd && flag.Start + flag.Length <= logical, "flags out of order");
            previousEnd = flag.Start + flag.Length;
            Inside(flag.SourceSpan, length, "flag");
            var optionEnd = flag.Start;
            foreach (var option in flag.Options)
            {
                Assert.True(option.Start >= optionEnd && option.End <= flag.Start + flag.Length, "mount options out of order");
                optionEnd = option.End;
                Inside(instruction.ToSource(option.Start, option.End), length, "mount option");
            }
        }

        var wordEnd = instruction.ArgumentsStart;
        foreach (var word in instruction.Words)
        {
            Assert.True(word.Start >= wordEnd && word.End <= instruction.ArgumentsEnd, "words out of order");
            wordEnd = word.End;
            Inside(instruction.ToSource(word.Start, word.End), length, "word");
        }

        foreach (var pair in instruction.KeyValues)
        {
            Assert.True(pair.Key.End <= logical && (pair.Value == null || pair.Value.End <= logical));
        }

        var heredocEnd = instruction.Span.Start;
        foreach (var heredoc in instruction.Heredocs)
        {
            Inside(heredoc.MarkerSpan, length, "heredoc marker");
            Inside(heredoc.BodySpan, length, "heredoc body");
            Inside(heredoc.TerminatorSpan, length, "heredoc terminator");
            Assert.True(heredoc.BodySpan.Start >= heredocEnd, "heredoc bodies out of order");
            Assert.True(heredoc.MarkerSpan.End <= heredoc.BodySpan.Start, "heredoc body before its marker");
            Assert.True(!heredoc.IsTerminated || heredoc.BodySpan.End <= heredoc.TerminatorSpan.Start, "heredoc body after its terminator");
            // The instruction's span stops before its last line break; an unterminated body keeps that line break.
            Assert.True(heredoc.BodySpan.Start >= instruction.Span.Start && heredoc.BodySpan.End <= syntax.Lines.End(instruction.EndLine), "heredoc body outside the instruction");
            heredocEnd = heredoc.IsTerminated ? heredoc.TerminatorSpan.End : heredoc.BodySpan.End;
        }
    }

    private static void FindingsHold(DockerfileSyntax syntax, IReadOnlyList<Finding> findings)
    {
        var length = syntax.Text.Length;
        var previousStart = 0;
        foreach (var finding in findings)
        {
            Inside(finding.Span, length, finding.Id);
            Assert.True(finding.Span.Start >= previousStart, "findings out of order");
            previousStart = finding.Span.Start;
            Assert.False(string.IsNullOrWhiteSpace(finding.Message));
            Assert.InRange(finding.InstructionLine, 0, syntax.Lines.Count - 1);
            var edits = new List<TextEdit>(finding.Fix);
            edits.Sort((a, b) => a.Span.CompareTo(b.Span));
            for (var i = 0; i < edits.Count; i++)
            {
                Inside(edits[i].Span, length, finding.Id + " fix");
                Assert.True(i == 0 || !edits[i - 1].Span.OverlapsWith(edits[i].Span), $"{finding.Id}: its fix edits overlap");
            }
        }
    }

    private static void Inside(TextSpan span, int length, string what) =>
        Assert.True(span.Start >= 0 && span.End <= length, $"{what} span {span} outside the text of length {length}");

    private static string FirstError(DockerfileSyntax syntax)
    {
        foreach (var diagnostic in syntax.Diagnostics)
        {
            if (diagnostic.Severity == ParseSeverity.Error)
            {
                return $"{diagnostic.Code} at {diagnostic.Span}: {diagnostic.Message}";
            }
        }

        return "(none)";
    }
}
