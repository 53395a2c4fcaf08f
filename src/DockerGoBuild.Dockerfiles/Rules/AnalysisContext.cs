using System;
using System.Collections.Generic;
using System.Threading;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>What every rule reads (the file is parsed once) and where findings go.</summary>
/// <remarks>
/// A thread analyses one file after another, each with one context: it keeps the context of its last analysis for
/// its next one (see <see cref="Rent"/>), so that an analysis allocates none.
/// </remarks>
internal sealed class AnalysisContext : IDisposable
{
    [ThreadStatic]
    private static AnalysisContext? spare;

    private List<Finding> _findings = null!;
    private DockerfileParser.OngoingParse _parse;
    private bool _parseFinished;
    private DirectiveFacts _directives;
    private bool _directivesComputed;
    private BuildModel? _model;

    // The cache analysis, kept with the context for the thread's next analysis and computed again for each.
    private readonly CacheAnalysis _cache = new();
    private bool _cacheComputed;

    private AnalysisContext()
    {
    }

    /// <summary>
    /// A context for the analysis of <paramref name="syntax"/>, which <paramref name="parse"/> reads while it goes on
    /// (default: a syntax parsed whole), that reports into <paramref name="findings"/>: the thread's spare one, or a
    /// new one when it has none (also while an analysis of the thread has one in use).
    /// </summary>
    public static AnalysisContext Rent(DockerfileSyntax syntax, DockerfileParser.OngoingParse parse, List<Finding> findings, CancellationToken cancellationToken)
    {
        var context = spare ?? new AnalysisContext();
        spare = null;
        context.Syntax = syntax;
        context._parse = parse;
        context._findings = findings;
        context.CancellationToken = cancellationToken;
        return context;
    }

    public DockerfileSyntax Syntax { get; private set; } = null!;

    public CancellationToken CancellationToken { get; private set; }

    /// <summary>Findings so far (rules that defer to another rule's finding read them).</summary>
    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>
    /// The parser directives' meaning, computed once for the rules that need it. The ineffective ones are found among
    /// the whole file's comments: the parse is finished first.
    /// </summary>
    public ref readonly DirectiveFacts Directives
    {
        get
        {
            if (!_directivesComputed)
            {
                FinishParse();
                _directives = DirectiveFacts.Compute(Syntax);
                _directivesComputed = true;
            }

            return ref _directives;
        }
    }

    /// <summary>
    /// Stages, variables and RUN commands, shared by the rules: the instructions up to the end of the window (see
    /// <see cref="ModelNextWindow"/>).
    /// </summary>
    public BuildModel Model => _model!;

    /// <summary>The position in the model's <see cref="BuildModel.RunIndexes"/> of the window's first RUN.</summary>
    public int FirstRun { get; private set; }

    /// <summary>The position in the model's <see cref="BuildModel.CopyIndexes"/> of the window's first COPY or ADD.</summary>
    public int FirstCopy { get; private set; }

    /// <summary>The position in the model's <see cref="BuildModel.ArgAndEnvIndexes"/> of the window's first ARG or ENV.</summary>
    public int FirstArgOrEnv { get; private set; }

    /// <summary>The cache-mount facts of the window's RUNs, computed once for the cache rules.</summary>
    public CacheAnalysis Cache
    {
        get
        {
            if (!_cacheComputed)
            {
                _cache.Compute(Model, FirstRun);
                _cacheComputed = true;
            }

            return _cache;
        }
    }

    /// <summary>Where each stage's RUNs are, for the fixes that mount something into later RUNs.</summary>
    public StageRuns StageRuns => new(Model);

    /// <summary>
    /// Models the instructions after the last window up to <paramref name="end"/> (exclusive), a FROM or the end of
    /// the file, and makes them the window that the rules of the instructions read next: each reads the window's
    /// part of the model's indexes, from <see cref="FirstRun"/>, <see cref="FirstCopy"/> or <see cref="FirstArgOrEnv"/>.
    /// </summary>
    public void ModelNextWindow(int end)
    {
        var model = _model ??= BuildModel.Begin(Syntax);
        FirstRun = model.RunIndexes.Count;
        FirstCopy = model.CopyIndexes.Count;
        FirstArgOrEnv = model.ArgAndEnvIndexes.Count;
        model.ExtendTo(end, CancellationToken);
        if (_cacheComputed)
        {
            _cache.Clear();
            _cacheComputed = false;
        }
    }

    public void Report(Finding finding) => _findings.Add(finding);

    /// <summary>Reads the rest of the file, if the parse is not finished: its comments and diagnostics are then there.</summary>
    public void FinishParse()
    {
        if (!_parseFinished)
        {
            _parse.Finish();
            _parseFinished = true;
        }
    }

    /// <summary>
    /// Ends the analysis: the model's tables and the context go back to the thread (the findings keep none of the
    /// model, nor the context), nothing may read the context afterwards.
    /// </summary>
    public void Dispose()
    {
        _model?.Release();

        // Cleared, so that the thread keeps neither the file nor its findings alive.
        Syntax = null!;
        _findings = null!;
        _parse = default;
        _parseFinished = false;
        CancellationToken = default;
        _directives = default;
        _directivesComputed = false;
        _model = null;
        FirstRun = 0;
        FirstCopy = 0;
        FirstArgOrEnv = 0;
        if (_cacheComputed)
        {
            _cache.Clear();
            _cacheComputed = false;
        }

        spare = this;
    }
}
