using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace DockerGoBuild.Analyzers.Tests;

/// <summary>The analyzer never lets an exception escape, so AD0001 can never switch it off.</summary>
public class RobustnessTests
{
    // Pieces that steer the parser into its corners: directives, continuations, heredocs, JSON, flags, odd characters.
    private static readonly string[] Fragments =
    {
        "FROM ", "RUN ", "COPY ", "ADD ", "ARG ", "ENV ", "ONBUILD ", "SHELL ", "USER ", "WORKDIR ", "HEALTHCHECK ", "FORM ",
        "# syntax=", "# escape=`", "# escape=\\", "#check=", "# dgb ignore=DGB001", "# dgb global ignore=", "#!",
        "\\", "`", "\n", "\r\n", "\r", " ", "\t", "<<EOF", "<<-'EOF'", "EOF", "<<", "[\"", "\"]", "\",\"", "{", "}",
        "--mount=type=cache,target=/go/pkg/mod", "--mount=type=secret,id=", "--from=", "$", "${", "}", "=", ",",
        "go build ./...", "dotnet restore", "sh -c '", "'", "\"", "\uFEFF", "\u0000", "\u2028", "\uD800", "\uDC00", "é", "😀",
    };

    [Fact]
    public async Task RandomText_NeverMakesTheAnalyzerThrow()
    {
        var random = new Random(20241126);
        var files = Enumerable.Range(0, 1000)
            .Select(index => (AdditionalText)new InMemoryAdditionalText($"/garbage/{index}/Dockerfile", SourceText.From(RandomDockerfile(random))))
            .ToImmutableArray();

        var exceptions = new List<Exception>();
        var diagnostics = await AnalyzeAsync(files, exceptions);

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "AD0001");
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.GetMessage().StartsWith("The analyzer could not read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnreadableFile_IsReportedAsDgb000AtTheFileStart()
    {
        var exceptions = new List<Exception>();
        var diagnostics = await AnalyzeAsync(ImmutableArray.Create<AdditionalText>(new UnreadableAdditionalText("/src/Dockerfile")), exceptions);

        Assert.Empty(exceptions);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("DGB000", diagnostic.Id);
        Assert.Equal("The analyzer could not read this Dockerfile: System.IO.IOException", diagnostic.GetMessage());
        Assert.Equal("/src/Dockerfile", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(0, diagnostic.Location.SourceSpan.Start);
        Assert.DoesNotContain("hunter2", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void CancellationWhileReading_IsNotTurnedIntoADiagnostic()
    {
        using var cancellation = new CancellationTokenSource();
        var file = new CancellingAdditionalText("/src/Dockerfile", cancellation);

        Assert.ThrowsAny<OperationCanceledException>(() => DockerfileAnalyzer.AnalyzeFile(file, NoOptions.Instance, cancellation.Token));
    }

    private static string RandomDockerfile(Random random)
    {
        var text = new StringBuilder();
        var pieces = random.Next(0, 40);
        for (var i = 0; i < pieces; i++)
        {
            if (random.Next(4) == 0)
            {
                text.Append((char)random.Next(0, 0x10000));
            }
            else
            {
                text.Append(Fragments[random.Next(Fragments.Length)]);
            }
        }

        return text.ToString();
    }

    internal static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(ImmutableArray<AdditionalText> files, List<Exception> exceptions, CancellationToken cancellationToken = default)
    {
        var compilation = CSharpCompilation.Create(
            "Robustness",
            new[] { CSharpSyntaxTree.ParseText(string.Empty, cancellationToken: cancellationToken) },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(files),
            onAnalyzerException: (exception, _, _) =>
            {
                lock (exceptions)
                {
                    exceptions.Add(exception);
                }
            },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var analysis = new CompilationWithAnalyzers(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new DockerfileAnalyzer()), options);
        return await analysis.GetAnalyzerDiagnosticsAsync(cancellationToken);
    }

    internal sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, SourceText text)
        {
            Path = path;
            _text = text;
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>A file whose read fails, with a message that must not reach the diagnostic.</summary>
    private sealed class UnreadableAdditionalText : AdditionalText
    {
        public UnreadableAdditionalText(string path) => Path = path;

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) =>
            throw new IOException("the disk said: ENV PASSWORD=hunter2");
    }

    /// <summary>A file whose read is where the build gets cancelled.</summary>
    private sealed class CancellingAdditionalText : AdditionalText
    {
        private readonly CancellationTokenSource _cancellation;

        public CancellingAdditionalText(string path, CancellationTokenSource cancellation)
        {
            Path = path;
            _cancellation = cancellation;
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default)
        {
            _cancellation.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
            return SourceText.From("FROM alpine\n");
        }
    }

    internal sealed class NoOptions : AnalyzerConfigOptionsProvider
    {
        public static readonly NoOptions Instance = new();

        public override AnalyzerConfigOptions GlobalOptions => Empty.Instance;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty.Instance;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty.Instance;

        private sealed class Empty : AnalyzerConfigOptions
        {
            public static readonly Empty Instance = new();

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                value = null;
                return false;
            }
        }
    }
}
