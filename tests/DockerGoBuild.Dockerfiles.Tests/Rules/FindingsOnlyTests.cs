using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

/// <summary>
/// The findings-only analysis parses into tables the thread keeps (in place): it finds what the analysis that keeps
/// its syntax finds, file after file and batch after batch, and a file never sees another's tables.
/// </summary>
public class FindingsOnlyTests
{
    private const string Heredocs = "FROM golang\nRUN <<EOF\ngo build ./...\nEOF\nCOPY <<EOT /app/.npmrc\n//registry/:_authToken=x\nEOT\nARG NPM_TOKEN\n";

    private const string Plain = "FROM golang AS build\nRUN --mount=type=secret,id=npmrc,target=/root/.ssh/id_rsa go build ./...\nCOPY id_rsa /root/.ssh/\n";

    [Fact]
    public void Every_corpus_file_has_the_same_findings_alone_and_in_batches()
    {
        var texts = Corpus.RealDockerfiles().Select(path => Corpus.Read(path, out _)).ToArray();
        var expected = texts.Select(text => Describe(DockerfileAnalysis.Analyze(text).Findings)).ToArray();

        var alone = texts.Select(text => Describe(DockerfileAnalysis.FindingsOf(text))).ToArray();
        var batched = DockerfileAnalysis.FindingsOf(texts).Select(Describe).ToArray();

        Assert.True(texts.Length > 3 * DockerfileParser.MaxInPlaceAtOnce);
        Assert.Equal(expected, alone);
        Assert.Equal(expected, batched);
        Assert.Contains(expected, findings => findings.Length > 0);
    }

    [Fact]
    public void Files_parsed_after_one_another_in_place_see_none_of_each_others_tables()
    {
        var expectedHeredocs = Describe(DockerfileAnalysis.Analyze(Heredocs).Findings);
        var expectedPlain = Describe(DockerfileAnalysis.Analyze(Plain).Findings);

        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(expectedHeredocs, Describe(DockerfileAnalysis.FindingsOf(Heredocs)));
            Assert.Equal(expectedPlain, Describe(DockerfileAnalysis.FindingsOf(Plain)));
            var batch = DockerfileAnalysis.FindingsOf(new[] { Plain, Heredocs, Plain, Heredocs, Plain });
            Assert.Equal(new[] { expectedPlain, expectedHeredocs, expectedPlain, expectedHeredocs, expectedPlain }, batch.Select(Describe));
        }
    }

    [Fact]
    public void A_file_of_thousands_of_findings_analysed_again_finds_the_same_ones()
    {
        // Past 1,024 findings the thread keeps the list they are reported into for its next file.
        var large = string.Concat(Enumerable.Repeat(Heredocs + Plain, 300));
        var expectedLarge = Describe(DockerfileAnalysis.Analyze(large).Findings);
        var expectedPlain = Describe(DockerfileAnalysis.Analyze(Plain).Findings);

        Assert.True(expectedLarge.Length > 1024, $"only {expectedLarge.Length} findings");
        Assert.Equal(expectedLarge, Describe(DockerfileAnalysis.FindingsOf(large)));
        Assert.Equal(expectedPlain, Describe(DockerfileAnalysis.FindingsOf(Plain)));
        Assert.Equal(expectedLarge, Describe(DockerfileAnalysis.FindingsOf(large)));
    }

    [Fact]
    public void A_cancelled_batch_gives_its_tables_back_and_the_next_one_is_whole()
    {
        var texts = Enumerable.Range(0, 2 * DockerfileParser.MaxInPlaceAtOnce).Select(i => i % 2 == 0 ? Heredocs : Plain).ToArray();
        var expected = texts.Select(text => Describe(DockerfileAnalysis.Analyze(text).Findings)).ToArray();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => DockerfileAnalysis.FindingsOf(texts, cancelled.Token));

        Assert.Equal(expected, DockerfileAnalysis.FindingsOf(texts).Select(Describe));
    }

    [Fact]
    public void Threads_that_analyse_at_once_each_find_their_own_files_findings()
    {
        var texts = Enumerable.Range(0, 40).Select(i => (i % 3) switch { 0 => Heredocs, 1 => Plain, _ => "FROM golang\n" + string.Concat(Enumerable.Repeat("RUN go build ./...\n", i)) }).ToArray();
        var expected = texts.Select(text => Describe(DockerfileAnalysis.Analyze(text).Findings)).ToArray();

        var results = new string[8][][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = DockerfileAnalysis.FindingsOf(texts).Select(Describe).ToArray());

        Assert.All(results, result => Assert.Equal(expected, result));
    }

    [Fact]
    public void A_syntax_parsed_the_usual_way_keeps_its_tables_after_in_place_parses()
    {
        var kept = DockerfileAnalysis.Analyze(Heredocs);
        var before = Describe(kept.Findings);
        var instructions = kept.Syntax.Instructions.Select(instruction => instruction.Keyword + " " + instruction.ArgumentsText).ToArray();

        DockerfileAnalysis.FindingsOf(Enumerable.Repeat(Plain, 20).ToArray());

        Assert.Equal(instructions, kept.Syntax.Instructions.Select(instruction => instruction.Keyword + " " + instruction.ArgumentsText));
        Assert.Equal(before, Describe(DockerfileAnalysis.Analyze(kept.Syntax).Findings));
    }

    [Fact]
    public void A_thread_keeps_no_text_it_analysed_once_the_findings_are_made()
    {
        // Small and large (tables too large to keep): neither the text nor its tables stay reachable from the thread.
        var texts = AnalyseAndForget(Heredocs + "#" + new string('x', 100), "FROM golang\n" + string.Concat(Enumerable.Repeat("RUN go build ./...\n", 40_000)));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.All(texts, text => Assert.False(text.TryGetTarget(out _)));
    }

    // In a method of its own, so that no local of the caller holds the texts.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference<string>[] AnalyseAndForget(params string[] prototypes)
    {
        var texts = prototypes.Select(prototype => new string(prototype.ToCharArray())).ToArray();
        Assert.All(DockerfileAnalysis.FindingsOf(texts), findings => Assert.NotEmpty(findings));
        Assert.NotEmpty(DockerfileAnalysis.FindingsOf(texts[0]));
        return texts.Select(text => new WeakReference<string>(text)).ToArray();
    }

    internal static string[] Describe(IReadOnlyList<Finding> findings) =>
        findings.Select(finding => $"{finding.Id} {finding.Span} {finding.Message} {finding.FixTitle} {finding.IsFixable} {string.Join("|", finding.Fix.Select(edit => edit.Span + edit.NewText))}").ToArray();
}
