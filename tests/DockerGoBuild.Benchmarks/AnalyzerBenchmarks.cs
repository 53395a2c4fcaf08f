using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using DockerGoBuild.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DockerGoBuild.Benchmarks;

/// <summary>
/// The Roslyn analyzer as a build or the IDE runs it: a compilation with 50 Dockerfiles among its
/// AdditionalFiles, analysed through <see cref="CompilationWithAnalyzers"/>.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private const int FileCount = 50;

    private static readonly Lazy<ImmutableArray<AdditionalText>> Files = new(LoadFiles);

    private Compilation _compilation = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    /// <summary>The UTF-8 size of the 50 files, for the per-byte columns.</summary>
    public static long InputBytes => Files.Value.Sum(file => (long)Encoding.UTF8.GetByteCount(file.GetText()!.ToString()));

    [GlobalSetup]
    public void Setup()
    {
        _compilation = CSharpCompilation.Create(
            "Service",
            new[] { CSharpSyntaxTree.ParseText("namespace Service { public static class Program { public static void Main() { } } }") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new DockerfileAnalyzer());
    }

    [Benchmark(Description = "CompilationWithAnalyzers, 50 Dockerfiles")]
    public int CompilationWithAnalyzers()
    {
        // A new driver each time: CompilationWithAnalyzers caches its results.
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(Files.Value), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var analysis = new CompilationWithAnalyzers(_compilation, _analyzers, options);
        return analysis.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult().Length;
    }

    private static ImmutableArray<AdditionalText> LoadFiles() =>
        Inputs.CorpusFiles()
            .Take(FileCount)
            .Select((path, index) => (AdditionalText)new InMemoryText($"/src/service{index}/Dockerfile", SourceText.From(File.ReadAllText(path))))
            .ToImmutableArray();

    private sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryText(string path, SourceText text)
        {
            Path = path;
            _text = text;
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
