using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>DGB000: the parser's errors, so that a broken Dockerfile is reported instead of silently skipped.</summary>
internal sealed class SyntaxErrorRule : IDockerfileRule
{
    public RuleDescriptor Descriptor => Descriptors.SyntaxError;

    public void Analyze(AnalysisContext context)
    {
        var syntax = context.Syntax;
        foreach (var diagnostic in syntax.Diagnostics)
        {
            // Directive problems are DGB002's: one problem, one diagnostic.
            if (diagnostic.Severity != ParseSeverity.Error || diagnostic.Code is "duplicate-directive" or "invalid-escape")
            {
                continue;
            }

            context.Report(new Finding(Descriptor, diagnostic.Span, diagnostic.Message, syntax.Lines.GetLineIndex(diagnostic.Span.Start)));
        }
    }
}
