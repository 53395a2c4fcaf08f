using System;
using System.Collections.Immutable;
using System.Threading;
using DockerGoBuild.Dockerfiles.Tests.Robustness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;

namespace DockerGoBuild.Analyzers.Tests.Robustness;

/// <summary>
/// The IDE's case: the analyzer, run by the compiler's driver on a large Dockerfile, returns within 100 ms of
/// the cancellation of its token, wherever the analysis is.
/// </summary>
public class AnalyzerCancellationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(100);

    private readonly ITestOutputHelper _output;

    public AnalyzerCancellationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void CompilationWithAnalyzers_returns_within_100_ms_of_cancellation_on_a_large_Dockerfile()
    {
        var text = SourceText.From(PathologicalInputs.LargeDockerfile(4 * PathologicalInputs.Megabyte));
        var file = new RobustnessTests.InMemoryAdditionalText("/src/Dockerfile", text);
        var compilation = CSharpCompilation.Create(
            "Cancellation",
            new[] { CSharpSyntaxTree.ParseText(string.Empty) },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        // A new driver each time: CompilationWithAnalyzers caches what it has computed.
        var latencies = CancellationLatency.Measure(
            token =>
            {
                var analysis = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DockerfileAnalyzer()), new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(file)));
                var diagnostics = analysis.GetAnalyzerDiagnosticsAsync(token).GetAwaiter().GetResult();
                Assert.NotEmpty(diagnostics);
            },
            Bound);

        RobustnessReport.Write(_output, $"cancellation 4 MB Dockerfile through CompilationWithAnalyzers: {CancellationLatency.Describe(latencies)}");
        CancellationLatency.AssertWithin(latencies, Bound);
    }

    [Fact]
    public void The_analyzer_returns_within_100_ms_of_cancellation_on_a_large_Dockerfile()
    {
        var file = new RobustnessTests.InMemoryAdditionalText("/src/Dockerfile", SourceText.From(PathologicalInputs.LargeDockerfile(4 * PathologicalInputs.Megabyte)));

        var latencies = CancellationLatency.Measure(token => DockerfileAnalyzer.AnalyzeFile(file, RobustnessTests.NoOptions.Instance, token), Bound);

        RobustnessReport.Write(_output, $"cancellation 4 MB Dockerfile through DockerfileAnalyzer.AnalyzeFile: {CancellationLatency.Describe(latencies)}");
        CancellationLatency.AssertWithin(latencies, Bound);
    }
}
