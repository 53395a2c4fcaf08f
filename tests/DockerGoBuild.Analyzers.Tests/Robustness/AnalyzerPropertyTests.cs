using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using CsCheck;
using DockerGoBuild.Dockerfiles.Syntax;
using DockerGoBuild.Dockerfiles.Tests.Robustness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;

namespace DockerGoBuild.Analyzers.Tests.Robustness;

/// <summary>
/// The generated and mutated inputs of the core's property tests, through the Roslyn analyzer: it never lets
/// an exception out (it would become AD0001 and switch the analyzer off), never reports one as "could not
/// read", and every diagnostic it reports lies inside the file.
/// </summary>
public class AnalyzerPropertyTests
{
    private const int BatchSize = 250;

    private static readonly Gen<string> Inputs = Gen.Frequency(
        (1, DockerfileGenerator.Dockerfile),
        (1, CorpusMutator.Mutated.Select(bytes => DockerfileEncoding.Decode(bytes, out _))));

    private readonly ITestOutputHelper _output;

    public AnalyzerPropertyTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Generated_and_mutated_files_are_analysed_without_failure_and_with_locations_inside_them()
    {
        var iterations = FuzzBudget.Iterations(2000);
        var stopwatch = Stopwatch.StartNew();
        Inputs.Sample(text =>
        {
            var sourceText = SourceText.From(text);
            var diagnostics = DockerfileAnalyzer.AnalyzeFile(new RobustnessTests.InMemoryAdditionalText("/fuzz/Dockerfile", sourceText), RobustnessTests.NoOptions.Instance, CancellationToken.None);
            DiagnosticsHold(diagnostics, sourceText);
        }, iter: iterations, print: RobustnessReport.Printable);

        RobustnessReport.Write(_output, $"robustness analyzer: {iterations} inputs, 0 exceptions, 0 invariant violations, {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Whole batches through the compiler's driver, concurrently, as a build runs them.</summary>
    [Fact]
    public void Batches_of_generated_and_mutated_files_pass_through_CompilationWithAnalyzers_without_analyzer_exceptions()
    {
        var batches = (int)Math.Max(1, FuzzBudget.Iterations(4 * BatchSize) / BatchSize);
        var stopwatch = Stopwatch.StartNew();
        Inputs.Array[BatchSize].Sample(texts =>
        {
            var files = texts.Select((text, index) => (AdditionalText)new RobustnessTests.InMemoryAdditionalText($"/fuzz/{index}/Dockerfile", SourceText.From(text))).ToImmutableArray();
            var exceptions = new List<Exception>();
            var diagnostics = RobustnessTests.AnalyzeAsync(files, exceptions).GetAwaiter().GetResult();

            Assert.Empty(exceptions);
            Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "AD0001");
            foreach (var group in diagnostics.GroupBy(diagnostic => diagnostic.Location.SourceTree?.FilePath ?? diagnostic.Location.GetLineSpan().Path))
            {
                var index = int.Parse(group.Key.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
                DiagnosticsHold(group.ToList(), SourceText.From(texts[index]));
            }
        }, iter: batches, threads: 1, print: texts => $"{texts.Length} files");

        RobustnessReport.Write(_output, $"robustness analyzer through CompilationWithAnalyzers: {batches * BatchSize} inputs in {batches} batches, 0 analyzer exceptions, 0 AD0001, {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    private static void DiagnosticsHold(IReadOnlyList<Diagnostic> diagnostics, SourceText text)
    {
        foreach (var diagnostic in diagnostics)
        {
            Assert.StartsWith("DGB", diagnostic.Id, StringComparison.Ordinal);
            Assert.DoesNotContain("could not read", diagnostic.GetMessage(), StringComparison.Ordinal);
            var span = diagnostic.Location.SourceSpan;
            Assert.True(span.Start >= 0 && span.End <= text.Length, $"{diagnostic.Id} at {span} outside a text of {text.Length}");
            var lines = diagnostic.Location.GetLineSpan();
            Assert.Equal(text.Lines.GetLinePositionSpan(span), lines.Span);
        }
    }
}
