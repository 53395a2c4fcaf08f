using System.Collections.Generic;
using System.Threading;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>What every rule reads (the file is parsed once) and where findings go.</summary>
internal sealed class AnalysisContext
{
    private readonly List<Finding> _findings;
    private DirectiveFacts? _directives;

    public AnalysisContext(DockerfileSyntax syntax, List<Finding> findings, CancellationToken cancellationToken)
    {
        Syntax = syntax;
        _findings = findings;
        CancellationToken = cancellationToken;
    }

    public DockerfileSyntax Syntax { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Findings so far (rules that defer to another rule's finding read them).</summary>
    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>The parser directives' meaning, computed once for the rules that need it.</summary>
    public DirectiveFacts Directives => _directives ??= DirectiveFacts.Compute(Syntax);

    public void Report(Finding finding) => _findings.Add(finding);
}
