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

    /// <summary>
    /// Parses <paramref name="text"/> and runs every rule over it. The text is parsed as it is analysed, a window of
    /// instructions at a time (see <see cref="FindingsOf(DockerfileSyntax, DockerfileParser.OngoingParse, int, CancellationToken)"/>);
    /// the syntax has tables of its own once it is whole.
    /// </summary>
    public static AnalysisResult Analyze(string text, CancellationToken cancellationToken = default)
    {
        var syntax = DockerfileParser.BeginParse(text, inPlace: false, WindowInstructions, cancellationToken, out var tables, out var parse);
        try
        {
            var findings = FindingsOf(syntax, parse, WindowInstructions, cancellationToken);
            return new AnalysisResult(syntax, findings);
        }
        finally
        {
            tables.Release();
        }
    }

    // Lists that grew past this many findings are not kept by the thread.
    private const int MaxRetainedFindings = 1024;

    // The thread's list the rules report into, free while no analysis of the thread uses it: the result keeps an
    // array of the findings' exact number, in order, instead.
    [ThreadStatic]
    private static List<Finding>? spareFindings;

    // A list that grew past MaxRetainedFindings (a generated file's tens of thousands of findings), kept while the
    // thread keeps using it (see KeptWhileUsed): the same file analysed again reports into it rather than into a list
    // grown anew by copies, which a large file's analysis would otherwise allocate as much as its findings.
    [ThreadStatic]
    private static KeptWhileUsed<List<Finding>>? largeSpareFindings;

    public static AnalysisResult Analyze(DockerfileSyntax syntax, CancellationToken cancellationToken = default) =>
        new(syntax, FindingsOf(syntax, parse: default, WindowInstructions, cancellationToken));

    /// <summary>
    /// The findings of <paramref name="text"/>, as <see cref="Analyze(string, CancellationToken)"/> finds them, for a
    /// caller that needs nothing else (the IDE's analyzer, a lint): the text is parsed into tables the thread keeps
    /// for its next file rather than into a syntax of its own, which spares their copies and their memory.
    /// </summary>
    public static IReadOnlyList<Finding> FindingsOf(string text, CancellationToken cancellationToken = default) =>
        FindingsOf(text, WindowInstructions, cancellationToken);

    /// <summary>
    /// The findings of <paramref name="text"/>, parsed, modelled and checked in windows of at least
    /// <paramref name="windowInstructions"/> instructions (and whole stages): the windows change no finding.
    /// </summary>
    internal static Finding[] FindingsOf(string text, int windowInstructions, CancellationToken cancellationToken)
    {
        var syntax = DockerfileParser.BeginParse(text, inPlace: true, windowInstructions, cancellationToken, out var tables, out var parse);
        try
        {
            return FindingsOf(syntax, parse, windowInstructions, cancellationToken);
        }
        finally
        {
            tables.Release();
        }
    }

    /// <summary>
    /// The findings of each of <paramref name="texts"/>, as <see cref="FindingsOf(string, CancellationToken)"/> finds
    /// them. A few texts are parsed (a large one as far as its first window), then the rules run over each: one phase
    /// over several files, rather than both over each, finds its code in the processor's instruction cache.
    /// </summary>
    public static IReadOnlyList<Finding>[] FindingsOf(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var findings = new IReadOnlyList<Finding>[texts.Count];
        var syntaxes = new DockerfileSyntax[Math.Min(texts.Count, DockerfileParser.MaxInPlaceAtOnce)];
        var tables = new DockerfileParser.InPlaceTables[syntaxes.Length];
        var parses = new DockerfileParser.OngoingParse[syntaxes.Length];
        for (var first = 0; first < texts.Count; first += syntaxes.Length)
        {
            var count = Math.Min(syntaxes.Length, texts.Count - first);
            var parsed = 0;
            try
            {
                for (; parsed < count; parsed++)
                {
                    syntaxes[parsed] = DockerfileParser.BeginParse(texts[first + parsed], inPlace: true, WindowInstructions, cancellationToken, out tables[parsed], out parses[parsed]);
                }

                for (var i = 0; i < count; i++)
                {
                    findings[first + i] = FindingsOf(syntaxes[i], parses[i], WindowInstructions, cancellationToken);
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

    /// <summary>
    /// The findings of <paramref name="syntax"/>, its instructions modelled and checked in windows of at least
    /// <paramref name="windowInstructions"/> instructions (and whole stages): the windows change no finding.
    /// </summary>
    internal static Finding[] FindingsOf(DockerfileSyntax syntax, int windowInstructions, CancellationToken cancellationToken) =>
        FindingsOf(syntax, parse: default, windowInstructions, cancellationToken);

    // The findings of the syntax that parse reads while it goes on (default: a syntax parsed whole), which it finishes.
    // A large file is parsed, modelled and checked a window of whole stages at a time: each phase then reads the
    // window's text, syntax and model while they are still in the processor's cache, which a file of megabytes is not.
    private static Finding[] FindingsOf(DockerfileSyntax syntax, DockerfileParser.OngoingParse parse, int windowInstructions, CancellationToken cancellationToken)
    {
        if (syntax.Lines.LooksBinary)
        {
            parse.Finish();
            if (IsTemplate(syntax))
            {
                return Array.Empty<Finding>();
            }

            // One clear diagnostic instead of an "unknown instruction" for every line of noise.
            var at = new TextSpan(syntax.BomLength, 0);
            return new[] { new Finding(Descriptors.SyntaxError, at, "The file holds binary data (NUL or control bytes), not Dockerfile text; it was not analysed", instructionLine: 0) };
        }

        // Taken from the thread (an analysis that throws leaves it taken, and the next one makes another).
        var findings = spareFindings ?? largeSpareFindings?.Take() ?? new List<Finding>();
        spareFindings = null;
        using (AnalysisCancellation.Enter(cancellationToken))
        using (var context = AnalysisContext.Rent(syntax, parse, findings, cancellationToken))
        {
            // A file read whole at once (nearly every one) is checked as a whole first: a template is then left alone,
            // and the whole file's findings, which go first, are reported first. A larger one is checked as a whole
            // once its parse, read window by window, is finished.
            if (parse.HasTextLeft)
            {
                CheckInstructions(context, parse, findings, windowInstructions);
                if (!CheckWholeFile(context))
                {
                    findings.Clear();
                }
            }
            else if (CheckWholeFile(context))
            {
                CheckInstructions(context, parse, findings, windowInstructions);
            }
        }

        var sorted = FindingOrder.ToSortedArray(Suppressions.Read(syntax).Filter(findings));
        findings.Clear();
        if (findings.Capacity <= MaxRetainedFindings)
        {
            spareFindings = findings;
        }
        else
        {
            (largeSpareFindings ??= new KeptWhileUsed<List<Finding>>()).Keep(findings);
        }

        return sorted;
    }

    // Finishes the parse and runs the rules of the whole file; false, and no rule run, for a template.
    private static bool CheckWholeFile(AnalysisContext context)
    {
        // The parse errors, the comments and the directives' problems are known once the parse is finished.
        context.FinishParse();
        if (IsTemplate(context.Syntax))
        {
            return false;
        }

        foreach (var rule in FileRules)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            rule.Analyze(context);
        }

        return true;
    }

    // Runs the rules of the instructions over one window after another, each parsed (as far as parse has not read it)
    // and modelled just before; findings is where the context reports.
    private static void CheckInstructions(AnalysisContext context, DockerfileParser.OngoingParse parse, List<Finding> findings, int windowInstructions)
    {
        var instructions = context.Syntax.InstructionList;
        for (var start = 0; ;)
        {
            var end = WindowEnd(instructions, parse, start, windowInstructions, out var isLast);
            var windowFindings = findings.Count;
            context.ModelNextWindow(end);
            foreach (var rule in InstructionRules)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                rule.Analyze(context);
            }

            if (start == 0 && isLast)
            {
                return;
            }

            // Each rule reports a window's findings in order: merged, the windows' follow one another in order.
            FindingOrder.SortFrom(findings, windowFindings);
            if (isLast)
            {
                return;
            }

            start = end;
        }
    }

    // How many instructions a window holds at least: their text, syntax and model fit in a core's second-level
    // cache (about 100 bytes of text and as much of tables an instruction).
    private const int WindowInstructions = 512;

    // Where the window that starts at instruction start ends: at the first FROM at least windowInstructions on, so
    // that it holds whole stages (a fix of a finding rewrites RUNs later in its stage), or at the end of the file
    // (isLast). The parse reads as far as the window's end.
    private static int WindowEnd(SyntaxTables instructions, DockerfileParser.OngoingParse parse, int start, int windowInstructions, out bool isLast)
    {
        var index = (int)Math.Min(int.MaxValue, (long)start + windowInstructions);
        while (true)
        {
            var textLeft = instructions.Count > index || parse.ReadMore(Math.Max(index + 1 - instructions.Count, windowInstructions));
            for (; index < instructions.Count; index++)
            {
                if (instructions[index].Kind == InstructionKind.From)
                {
                    isLast = false;
                    return index;
                }
            }

            if (!textLeft)
            {
                isLast = true;
                return instructions.Count;
            }
        }
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
