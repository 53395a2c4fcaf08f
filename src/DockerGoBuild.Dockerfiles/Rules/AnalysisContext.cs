using System;
using System.Collections.Generic;
using System.Threading;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>What every rule reads (the file is parsed once) and where findings go.</summary>
internal sealed class AnalysisContext : IDisposable
{
    private readonly List<Finding> _findings;
    private DirectiveFacts? _directives;
    private BuildModel? _model;
    private CacheAnalysis? _cache;
    private StageRuns? _stageRuns;

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

    /// <summary>Stages, variables and RUN commands, computed once for the rules that need them.</summary>
    public BuildModel Model => _model ??= BuildModel.Create(Syntax, CancellationToken);

    /// <summary>The cache-mount facts of every RUN, computed once for the cache rules.</summary>
    public CacheAnalysis Cache => _cache ??= CacheAnalysis.Compute(Model);

    /// <summary>Where each stage's RUNs are, for the fixes that mount something into later RUNs.</summary>
    public StageRuns StageRuns => _stageRuns ??= StageRuns.Create(Model.Instructions);

    public void Report(Finding finding) => _findings.Add(finding);

    /// <summary>Ends the analysis: the model's tables go back to the thread (the findings keep none of the model).</summary>
    public void Dispose() => _model?.Release();
}
