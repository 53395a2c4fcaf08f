using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>
/// DGB002: a syntax, escape or check directive that BuildKit ignores (misplaced, misspelt, indented)
/// or rejects (twice in the block, a bad escape value). Fixes move or delete it where that is safe.
/// </summary>
internal sealed class IneffectiveParserDirectiveRule : IDockerfileRule
{
    public RuleDescriptor Descriptor => Descriptors.IneffectiveParserDirective;

    public void Analyze(AnalysisContext context)
    {
        var syntax = context.Syntax;
        ref readonly var facts = ref context.Directives;
        if (facts.Ineffective.Count == 0)
        {
            return;
        }

        // The directives the top block has (so far, as fixes move or respell others into it).
        var present = new HashSet<string>();
        foreach (var directive in syntax.Directives)
        {
            if (!directive.IsDuplicate && !(directive.Name == "syntax" && directive.IsIndented))
            {
                present.Add(directive.Name);
            }
        }

        if (facts.EffectiveSyntax.HasValue)
        {
            present.Add("syntax");
        }

        foreach (var directive in facts.Ineffective)
        {
            context.Report(new Finding(Descriptor, directive.Span, Message(syntax, directive), directive.Line, Fix(syntax, facts, directive, present, out var title), title));
        }
    }

    private static string Message(DockerfileSyntax syntax, IneffectiveDirective directive) => directive.Reason switch
    {
        IneffectiveReason.Misplaced => $"The '{directive.Name}' directive is ignored: parser directives only count in the comment block at the top of the file, before any blank line, comment or instruction",
        IneffectiveReason.Duplicate => $"The '{directive.Name}' directive is given twice, which makes BuildKit fail the build; delete this one",
        IneffectiveReason.Misspelt => $"'{KeyText(syntax, directive)}' looks like a misspelt '{directive.Name}' directive, which BuildKit ignores",
        IneffectiveReason.InvalidEscape => "The 'escape' directive must be ` or \\; BuildKit fails the build on any other value",
        _ => $"The '{directive.Name}' directive is indented, so BuildKit does not detect it; start the line with '#'",
    };

    private static string KeyText(DockerfileSyntax syntax, IneffectiveDirective directive) =>
        directive.KeyToFix is { } key ? syntax.Text.Substring(key.Start, key.Length) : directive.Name;

    private static IReadOnlyList<TextEdit>? Fix(DockerfileSyntax syntax, in DirectiveFacts facts, IneffectiveDirective directive, HashSet<string> present, out string? title)
    {
        title = null;
        var wholeLine = TextSpan.FromBounds(syntax.Lines.Start(directive.Line), syntax.Lines.End(directive.Line));
        switch (directive.Reason)
        {
            case IneffectiveReason.Duplicate:
                title = $"Delete the second '{directive.Name}' directive";
                return new[] { TextEdit.Delete(wholeLine) };
            case IneffectiveReason.Misplaced when directive.Name == "escape":
                // Moving an escape directive changes how every later line is read: leave that to a person.
                return null;
            case IneffectiveReason.Misplaced when present.Contains(directive.Name):
                title = $"Delete the ignored '{directive.Name}' directive (the top block already has one)";
                return new[] { TextEdit.Delete(wholeLine) };
            case IneffectiveReason.Misplaced:
                present.Add(directive.Name);
                title = $"Move the '{directive.Name}' directive to the top of the file";
                var line = syntax.Text.Substring(directive.Span.Start, directive.Span.Length);
                var insertAt = syntax.Directives.Count > 0 ? facts.TopBlockEnd : facts.ShebangEnd;
                return new[] { TextEdit.Insert(insertAt, line + syntax.PreferredLineBreak), TextEdit.Delete(wholeLine) };
            case IneffectiveReason.Misspelt when directive.KeyToFix is { } key && !present.Contains(directive.Name):
                present.Add(directive.Name);
                title = $"Spell the key '{directive.Name}'";
                return new[] { new TextEdit(key, directive.Name) };
            case IneffectiveReason.Indented when !present.Contains("syntax"):
                present.Add("syntax");
                title = "Remove the indentation";
                return new[] { TextEdit.Delete(TextSpan.FromBounds(syntax.Lines.Start(directive.Line) + (directive.Line == 0 ? syntax.BomLength : 0), directive.Span.Start)) };
            default:
                return null;
        }
    }
}
