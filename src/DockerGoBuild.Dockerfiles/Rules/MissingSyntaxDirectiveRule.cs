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

    /// <summary>Inserts the directive line at <paramref name="position"/> (a line start), in the file's own line ending.</summary>
    internal static TextEdit InsertDirective(DockerfileSyntax syntax, int position)
    {
        var lineBreak = syntax.PreferredLineBreak;
        var directive = "# syntax=" + DefaultSyntax + lineBreak;
        var atEndWithoutBreak = position == syntax.Text.Length && position > 0 && syntax.Text[position - 1] != '\n' && syntax.Text[position - 1] != '\r';
        return TextEdit.Insert(position, atEndWithoutBreak ? lineBreak + directive : directive);
    }
}
