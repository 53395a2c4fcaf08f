using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>DGB001: no effective <c># syntax=</c> directive. Fix: insert <c># syntax=docker/dockerfile:1</c> as line 1.</summary>
internal sealed class MissingSyntaxDirectiveRule : IDockerfileRule
{
    public const string DefaultSyntax = "docker/dockerfile:1";

    public RuleDescriptor Descriptor => Descriptors.MissingSyntaxDirective;

    public void Analyze(AnalysisContext context)
    {
        var syntax = context.Syntax;
        ref readonly var facts = ref context.Directives;
        if (facts.EffectiveSyntax.HasValue || facts.HasIneffectiveSyntax || syntax.Instructions.Count == 0)
        {
            return;
        }

        var firstLine = TextSpan.FromBounds(syntax.BomLength, syntax.Lines.ContentEnd(0));
        if (SharedFix(syntax, facts.ShebangEnd) is { } shared && firstLine.Start == 0 && firstLine.Length < SharedLineLengths)
        {
            // The finding of a file whose first line is this long and ends so is the same whatever the file: one
            // object, made once by the thread (a file analysed on every keystroke, and many files, find it so).
            var index = (2 * firstLine.Length) + (shared == FixAtStartCrLf ? 1 : 0);
            var findings = sharedFindings ??= new Finding?[2 * SharedLineLengths];
            context.Report(findings[index] ??= Create(firstLine, shared));
            return;
        }

        context.Report(Create(firstLine, Fix(syntax, facts.ShebangEnd)));
    }

    private Finding Create(TextSpan firstLine, IReadOnlyList<TextEdit> fix) =>
        new(Descriptor, firstLine, Descriptor.MessageFormat, instructionLine: 0, fix, "Add '# syntax=docker/dockerfile:1'");

    // The findings with the shared fixes, by the length of the first line and its line break (see Analyze).
    private const int SharedLineLengths = 256;

    [ThreadStatic]
    private static Finding?[]? sharedFindings;

    private const string Directive = "# syntax=" + DefaultSyntax;

    // Nearly every file gets the directive at its very start, with LF or CRLF line breaks: those fixes are made once,
    // read-only as all such findings share them.
    private static readonly IReadOnlyList<TextEdit> FixAtStartLf = Array.AsReadOnly(new[] { TextEdit.Insert(0, Directive + "\n") });
    private static readonly IReadOnlyList<TextEdit> FixAtStartCrLf = Array.AsReadOnly(new[] { TextEdit.Insert(0, Directive + "\r\n") });

    private static IReadOnlyList<TextEdit> Fix(DockerfileSyntax syntax, int position) =>
        SharedFix(syntax, position) ?? new[] { InsertDirective(syntax, position) };

    // The shared fix that inserts the directive at position, if there is one.
    private static IReadOnlyList<TextEdit>? SharedFix(DockerfileSyntax syntax, int position)
    {
        if (position != 0)
        {
            return null;
        }

        var lineBreak = syntax.PreferredLineBreak;
        return lineBreak == "\n" ? FixAtStartLf : lineBreak == "\r\n" ? FixAtStartCrLf : null;
    }

    /// <summary>Inserts the directive line at <paramref name="position"/> (a line start), in the file's own line ending.</summary>
    internal static TextEdit InsertDirective(DockerfileSyntax syntax, int position)
    {
        if (SharedFix(syntax, position) is { } shared)
        {
            return shared[0];
        }

        var lineBreak = syntax.PreferredLineBreak;
        var atEndWithoutBreak = position == syntax.Text.Length && position > 0 && syntax.Text[position - 1] != '\n' && syntax.Text[position - 1] != '\r';
        return TextEdit.Insert(position, atEndWithoutBreak ? lineBreak + DirectiveLine(lineBreak) : DirectiveLine(lineBreak));
    }

    // The directive line in each line ending a file can have, made once.
    private static string DirectiveLine(string lineBreak) => lineBreak switch
    {
        "\n" => Directive + "\n",
        "\r\n" => Directive + "\r\n",
        "\r" => Directive + "\r",
        _ => Directive + lineBreak,
    };
}
