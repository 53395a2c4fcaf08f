using System;
using System.Collections.Generic;
using System.Threading;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>The result of analysing one Dockerfile: its syntax and every finding, in source order.</summary>
public sealed class AnalysisResult
{
    internal AnalysisResult(DockerfileSyntax syntax, IReadOnlyList<Finding> findings)
    {
        Syntax = syntax;
        Findings = findings;
    }

    public DockerfileSyntax Syntax { get; }

    public IReadOnlyList<Finding> Findings { get; }
}

/// <summary>Parses a Dockerfile once and runs every rule over the same model.</summary>
public static class DockerfileAnalysis
{
    // The rules of the whole file: its parse errors and its directives.
    private static readonly IDockerfileRule[] FileRules =
    {
        new SyntaxErrorRule(),
        new IneffectiveParserDirectiveRule(),
        new MissingSyntaxDirectiveRule(),
    };

    // The rules of the instructions, run over one window of whole stages after another (see FindingsOf).
    private static readonly IDockerfileRule[] InstructionRules =
    {
        new CacheMountTargetMismatchRule(),
        new GoModuleCacheNotMountedRule(),
        new GoBuildCacheNotMountedRule(),
        new NuGetCacheNotMountedRule(),
        new SecretFileCopiedRule(),
        new SecretInArgOrEnvRule(),
        new SshKeyMountedAsSecretRule(),
    };

    public static AnalysisResult Analyze(string text, CancellationToken cancellationToken = default) =>
        Analyze(DockerfileParser.Parse(text, cancellationToken), cancellationToken);

    // Lists that grew past this many findings are not kept by the thread.
    private const int MaxRetainedFindings = 1024;

    // The thread's list the rules report into, free while no analysis of the thread uses it: the result keeps an
    // array of the findings' exact number, in order, instead.
    [ThreadStatic]
    private static List<Finding>? spareFindings;

    public static AnalysisResult Analyze(DockerfileSyntax syntax, CancellationToken cancellationToken = default) =>
        new(syntax, FindingsOf(syntax, cancellationToken));

    /// <summary>
    /// The findings of <paramref name="text"/>, as <see cref="Analyze(string, CancellationToken)"/> finds them, for a
    /// caller that needs nothing else (the IDE's analyzer, a lint): the text is parsed into tables the thread keeps
    /// for its next file rather than into a syntax of its own, which spares their copies and their memory.
    /// </summary>
    public static IReadOnlyList<Finding> FindingsOf(string text, CancellationToken cancellationToken = default)
    {
        var syntax = DockerfileParser.ParseInPlace(text, cancellationToken, out var tables);
        try
        {
            return FindingsOf(syntax, cancellationToken);
        }
        finally
        {
            tables.Release();
        }
    }

    /// <summary>
    /// The findings of each of <paramref name="texts"/>, as <see cref="FindingsOf(string, CancellationToken)"/> finds
    /// them. A few texts are parsed, then the rules run over each: one phase over several files, rather than both over
    /// each, finds its code in the processor's instruction cache.
    /// </summary>
    public static IReadOnlyList<Finding>[] FindingsOf(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var findings = new IReadOnlyList<Finding>[texts.Count];
        var syntaxes = new DockerfileSyntax[Math.Min(texts.Count, DockerfileParser.MaxInPlaceAtOnce)];
        var tables = new DockerfileParser.InPlaceTables[syntaxes.Length];
        for (var first = 0; first < texts.Count; first += syntaxes.Length)
        {
            var count = Math.Min(syntaxes.Length, texts.Count - first);
            var parsed = 0;
            try
            {
                for (; parsed < count; parsed++)
                {
                    syntaxes[parsed] = DockerfileParser.ParseInPlace(texts[first + parsed], cancellationToken, out tables[parsed]);
                }

                for (var i = 0; i < count; i++)
                {
                    findings[first + i] = FindingsOf(syntaxes[i], cancellationToken);
                }
            }
            finally
            {
                // Last taken, first given back: the thread takes them in the same order for the next batch.
                for (var i = parsed - 1; i >= 0; i--)
                {
                    tables[i].Release();
                }
            }
        }

        return findings;
    }

    private static Finding[] FindingsOf(DockerfileSyntax syntax, CancellationToken cancellationToken) =>
        FindingsOf(syntax, WindowInstructions, cancellationToken);

    /// <summary>
    /// The findings of <paramref name="syntax"/>, its instructions modelled and checked in windows of at least
    /// <paramref name="windowInstructions"/> instructions (and whole stages): the windows change no finding.
    /// </summary>
    internal static Finding[] FindingsOf(DockerfileSyntax syntax, int windowInstructions, CancellationToken cancellationToken)
    {
        if (IsTemplate(syntax))
        {
            return Array.Empty<Finding>();
        }

        if (syntax.Lines.LooksBinary)
        {
            // One clear diagnostic instead of an "unknown instruction" for every line of noise.
            var at = new TextSpan(syntax.BomLength, 0);
            return new[] { new Finding(Descriptors.SyntaxError, at, "The file holds binary data (NUL or control bytes), not Dockerfile text; it was not analysed", instructionLine: 0) };
        }

        // Taken from the thread (an analysis that throws leaves it taken, and the next one makes another).
        var findings = spareFindings ?? new List<Finding>();
        spareFindings = null;
        using (AnalysisCancellation.Enter(cancellationToken))
        using (var context = AnalysisContext.Rent(syntax, findings, cancellationToken))
        {
            foreach (var rule in FileRules)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rule.Analyze(context);
            }

            // A large file is modelled and checked a window of stages at a time: the rules then read the window's
            // text, syntax and model while they are still in the processor's cache, which a file of megabytes is not.
            var instructions = syntax.InstructionList;
            for (var start = 0; ;)
            {
                var end = WindowEnd(instructions, start, windowInstructions);
                var windowFindings = findings.Count;
                context.ModelNextWindow(end);
                foreach (var rule in InstructionRules)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    rule.Analyze(context);
                }

                if (start == 0 && end == instructions.Count)
                {
                    break;
                }

                // Each rule reports a window's findings in order: merged, the windows' follow one another in order.
                FindingOrder.SortFrom(findings, windowFindings);
                if (end == instructions.Count)
                {
                    break;
                }

                start = end;
            }
        }

        var sorted = FindingOrder.ToSortedArray(Suppressions.Read(syntax).Filter(findings));
        if (findings.Capacity <= MaxRetainedFindings)
        {
            findings.Clear();
            spareFindings = findings;
        }

        return sorted;
    }

    // How many instructions a window holds at least: their text, syntax and model fit in a core's second-level
    // cache (about 100 bytes of text and as much of tables an instruction).
    private const int WindowInstructions = 512;

    // Where the window that starts at instruction start ends: at the first FROM at least windowInstructions on, so
    // that it holds whole stages (a fix of a finding rewrites RUNs later in its stage), or at the end of the file.
    private static int WindowEnd(SyntaxTables instructions, int start, int windowInstructions)
    {
        var count = instructions.Count;
        for (var index = start + Math.Min(windowInstructions, count - start); index < count; index++)
        {
            if (instructions[index].Kind == InstructionKind.From)
            {
                return index;
            }
        }

        return count;
    }

    /// <summary>
    /// A generator template (lines of <c>{{ ... }}</c>, as in Go's text/template) is not a Dockerfile
    /// until it is rendered: analysing it would only produce noise, so it is left alone.
    /// </summary>
    private static bool IsTemplate(DockerfileSyntax syntax)
    {
        // The parser reports every unknown keyword: a file without such a report, nearly every one, is no template,
        // which its instructions need not be read to tell.
        if (!HasUnknownInstruction(syntax))
        {
            return false;
        }

        foreach (var instruction in syntax.InstructionList)
        {
            if (instruction.Kind == InstructionKind.Unknown && instruction.Keyword.StartsWith("{{", System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasUnknownInstruction(DockerfileSyntax syntax)
    {
        var diagnostics = syntax.Diagnostics;
        for (var i = 0; i < diagnostics.Count; i++)
        {
            if (diagnostics[i].Code == "unknown-instruction")
            {
                return true;
            }
        }

        return false;
    }
}
