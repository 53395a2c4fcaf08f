using System.CommandLine;
using System.Diagnostics;
using System.Text;
using DockerGoBuild.Cli.Lint;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Cli;

/// <summary><c>dockergobuild lint [PATH...] [--format text|json|sarif] [--output FILE] [--jobs N] [--stats [--repeat N]]</c>.</summary>
internal static class LintCommand
{
    private static readonly Dictionary<string, IReportWriter> ReportWriters = new(StringComparer.Ordinal)
    {
        ["text"] = new TextReportWriter(),
        ["json"] = new JsonReportWriter(),
        ["sarif"] = new SarifReportWriter(),
    };

    private sealed record Source(DockerfileInput Input, string Text);

    private sealed record Settings(string[] Paths, IReportWriter ReportWriter, string? OutputFile, bool Stats, int Repeat, int Jobs);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Dockerfiles, or folders to search recursively for them.",
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => new[] { "." },
        };
        var format = new Option<string>("--format")
        {
            Description = "Report layout: text, json or sarif (SARIF 2.1.0).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(ReportWriters.Keys.ToArray());
        var outputFile = new Option<string?>("--output") { Description = "Write the report to this file instead of standard output.", HelpName = "file" };
        var stats = new Option<bool>("--stats") { Description = "Print sizes and timings as one JSON line on standard error after the report." };
        var repeat = new Option<int>("--repeat")
        {
            Description = "Analyse the files this many times, to time each pass (with --stats).",
            HelpName = "count",
            DefaultValueFactory = _ => 1,
        };
        repeat.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--repeat must be at least 1.");
            }
        });

        var jobs = new Option<int>("--jobs")
        {
            Description = "How many files to analyse at once (default: one per processor; 1 analyses them one after another).",
            HelpName = "count",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        jobs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--jobs must be at least 1.");
            }
        });

        var command = new Command("lint", "Report problems in Dockerfiles: missing cache mounts, secrets in layers, parser directives.")
        {
            paths, format, outputFile, jobs, stats, repeat,
        };
        command.SetAction(result => Execute(
            new Settings(result.GetValue(paths)!, ReportWriters[result.GetValue(format)!], result.GetValue(outputFile), result.GetValue(stats), result.GetValue(repeat), result.GetValue(jobs)),
            output,
            error));
        return command;
    }

    private static int Execute(Settings settings, TextWriter output, TextWriter error)
    {
        var reader = new SourceFile(error);
        var statistics = new LintStatistics();
        var inputs = reader.Find(settings.Paths);
        var sources = ReadAll(inputs, statistics, reader);
        var files = AnalyzeAll(sources, settings.Repeat, settings.Jobs, statistics);

        if (!TryWriteReport(settings, files, output, error))
        {
            return ExitCodes.BadUsage;
        }

        if (settings.Stats)
        {
            statistics.Write(error);
        }

        if (reader.Failed)
        {
            return ExitCodes.BadUsage;
        }

        var anyWarning = files.Any(file => file.Findings.Any(finding => finding.Rule.DefaultSeverity >= RuleSeverity.Warning));
        return anyWarning ? ExitCodes.Findings : ExitCodes.Success;
    }

    private static List<Source> ReadAll(IReadOnlyList<DockerfileInput> inputs, LintStatistics statistics, SourceFile reader)
    {
        var sources = new List<Source>(inputs.Count);
        var readTime = TimeSpan.Zero;
        foreach (var input in inputs)
        {
            var started = Stopwatch.GetTimestamp();
            var read = reader.TryRead(input, out var text, out var encoding);
            readTime += Stopwatch.GetElapsedTime(started);
            if (!read)
            {
                continue;
            }

            sources.Add(new Source(input, text));
            // The decoding is lossless, so encoding the text again gives the file's size.
            statistics.Bytes += encoding.GetByteCount(text);
        }

        statistics.Files = sources.Count;
        statistics.ReadTime = readTime;
        return sources;
    }

    // The files analysed at once by one processor: the core parses a few of them, then runs the rules over each (see
    // DockerfileAnalysis.FindingsOf); a batch is small enough that one processor's batches do not wait for another's.
    private const int BatchSize = 16;

    /// <summary>
    /// Analyses every text <paramref name="passes"/> times, timing each pass; the first pass's findings are reported.
    /// A pass keeps only the findings, and only the first pass's, as the peer linters' wrappers keep nothing: the line
    /// maps of the report are made after the passes. Files are independent, so up to <paramref name="jobs"/> batches
    /// of them are analysed at once; the report keeps the files' order whatever order they finish in.
    /// </summary>
    private static List<LintedFile> AnalyzeAll(List<Source> sources, int passes, int jobs, LintStatistics statistics)
    {
        var findings = new IReadOnlyList<Finding>[sources.Count];
        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = jobs };
        var batches = (sources.Count + BatchSize - 1) / BatchSize;
        statistics.Jobs = jobs;
        for (var pass = 0; pass < passes; pass++)
        {
            var keep = pass == 0;
            var started = Stopwatch.GetTimestamp();
            if (jobs == 1)
            {
                for (var batch = 0; batch < batches; batch++)
                {
                    AnalyzeBatch(sources, batch, findings, keep);
                }
            }
            else
            {
                Parallel.For(0, batches, parallelism, batch => AnalyzeBatch(sources, batch, findings, keep));
            }

            statistics.AnalysisTimes.Add(Stopwatch.GetElapsedTime(started));
        }

        var files = new List<LintedFile>(sources.Count);
        for (var i = 0; i < sources.Count; i++)
        {
            files.Add(new LintedFile(sources[i].Input.DisplayPath, LineMap.Create(sources[i].Text), findings[i]));
        }

        statistics.Lines = files.Sum(file => file.Lines.Text.Length == 0 ? 0L : file.Lines.Count);
        statistics.Diagnostics = files.Sum(file => file.Findings.Count);
        return files;
    }

    private static void AnalyzeBatch(List<Source> sources, int batch, IReadOnlyList<Finding>[] findings, bool keep)
    {
        var first = batch * BatchSize;
        var texts = new string[Math.Min(BatchSize, sources.Count - first)];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = sources[first + i].Text;
        }

        var found = DockerfileAnalysis.FindingsOf(texts);
        if (keep)
        {
            Array.Copy(found, 0, findings, first, found.Length);
        }
    }

    private static bool TryWriteReport(Settings settings, IReadOnlyList<LintedFile> files, TextWriter output, TextWriter error)
    {
        if (settings.OutputFile is null)
        {
            settings.ReportWriter.Write(files, output);
            return true;
        }

        try
        {
            using var file = new StreamWriter(settings.OutputFile, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            settings.ReportWriter.Write(files, file);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            error.WriteLine($"{settings.OutputFile}: error: {exception.Message}");
            return false;
        }
    }
}
