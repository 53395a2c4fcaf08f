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
        var facts = context.Directives;
        if (facts.EffectiveSyntax.HasValue || facts.HasIneffectiveSyntax || syntax.Instructions.Count == 0)
        {
            return;
        }

        var firstLine = TextSpan.FromBounds(syntax.BomLength, syntax.Lines.ContentEnd(0));
        context.Report(new Finding(Descriptor, firstLine, Descriptor.MessageFormat, instructionLine: 0, new[] { InsertDirective(syntax, facts.ShebangEnd) }, "Add '# syntax=docker/dockerfile:1'"));
    }

    private const string Directive = "# syntax=" + DefaultSyntax;

    // Nearly every file gets the directive at its very start, with LF or CRLF line breaks: those edits are made once.
    private static readonly TextEdit InsertAtStartLf = TextEdit.Insert(0, Directive + "\n");
    private static readonly TextEdit InsertAtStartCrLf = TextEdit.Insert(0, Directive + "\r\n");

    /// <summary>Inserts the directive line at <paramref name="position"/> (a line start), in the file's own line ending.</summary>
    internal static TextEdit InsertDirective(DockerfileSyntax syntax, int position)
    {
        var lineBreak = syntax.PreferredLineBreak;
        var atEndWithoutBreak = position == syntax.Text.Length && position > 0 && syntax.Text[position - 1] != '\n' && syntax.Text[position - 1] != '\r';
        if (atEndWithoutBreak)
        {
            return TextEdit.Insert(position, lineBreak + DirectiveLine(lineBreak));
        }

        if (position == 0 && lineBreak == "\n")
        {
            return InsertAtStartLf;
        }

        return position == 0 && lineBreak == "\r\n" ? InsertAtStartCrLf : TextEdit.Insert(position, DirectiveLine(lineBreak));
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
