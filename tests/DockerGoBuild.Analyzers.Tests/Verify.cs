using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace DockerGoBuild.Analyzers.Tests;

/// <summary>
/// Runs <see cref="DockerfileAnalyzer"/> over one additional file written in the testing library's markup:
/// <c>{|DGB001:text|}</c> expects that id on that span, <c>[|text|]</c> expects the only reported id there.
/// </summary>
public static class Verify
{
    public static Task Dockerfile(string fileName, string markup, params DiagnosticResult[] expected) =>
        Dockerfile(fileName, markup, globalConfig: null, expected);

    /// <param name="globalConfig">A <c>.globalconfig</c> given to the compilation, as MSBuild hands item metadata over.</param>
    public static Task Dockerfile(string fileName, string markup, string? globalConfig, params DiagnosticResult[] expected)
    {
        var test = new Test();
        test.TestState.AdditionalFiles.Add((fileName, markup));
        if (globalConfig != null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", globalConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>For text that markup cannot express, such as a SourceText decoded from bytes with a byte-order mark.</summary>
    public static Task Dockerfile(string fileName, SourceText text, params DiagnosticResult[] expected)
    {
        var test = new Test();
        test.TestState.AdditionalFiles.Add((fileName, text));
        test.TestState.MarkupHandling = MarkupMode.None;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    public sealed class Test : CSharpAnalyzerTest<DockerfileAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            // The C# side is one empty file, so the running runtime's core library is all it needs; this keeps
            // the tests from downloading a reference-assembly package.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(object).Assembly.Location));
            TestCode = string.Empty;
        }
    }
}
