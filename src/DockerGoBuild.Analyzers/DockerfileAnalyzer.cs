using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using DockerGoBuild.Dockerfiles;
using DockerGoBuild.Dockerfiles.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using CoreTextSpan = DockerGoBuild.Dockerfiles.Syntax.TextSpan;

namespace DockerGoBuild.Analyzers;

/// <summary>
/// Runs every Dockerfile rule over the Dockerfiles among a project's AdditionalFiles and reports the findings
/// as diagnostics in those files.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp, LanguageNames.VisualBasic)]
public sealed class DockerfileAnalyzer : DiagnosticAnalyzer
{
    /// <summary>
    /// The AdditionalFiles item metadata that marks a file as a Dockerfile whatever its name, as the compiler
    /// receives it once the item metadata is made visible with <c>CompilerVisibleItemMetadata</c>.
    /// </summary>
    public const string KindMetadataKey = "build_metadata.AdditionalFiles.DockerGoBuildKind";

    public const string DockerfileKind = "Dockerfile";

    private static readonly ImmutableDictionary<string, string?> NotFixable =
        ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fixable, "false");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DockerfileDiagnosticDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterAdditionalFileAction(AnalyzeAdditionalFile);
    }

    /// <summary>
    /// A file is a Dockerfile when its <c>DockerGoBuildKind</c> metadata says so, or, when the metadata is absent,
    /// when its name is a Dockerfile name. Any other metadata value is an explicit "not a Dockerfile".
    /// </summary>
    internal static bool IsDockerfile(AdditionalText file, AnalyzerConfigOptionsProvider optionsProvider)
    {
        if (optionsProvider.GetOptions(file).TryGetValue(KindMetadataKey, out var kind) && !string.IsNullOrWhiteSpace(kind))
        {
            return string.Equals(kind.Trim(), DockerfileKind, StringComparison.OrdinalIgnoreCase);
        }

        return DockerfileNames.IsDockerfileName(file.Path);
    }

    private static void AnalyzeAdditionalFile(AdditionalFileAnalysisContext context)
    {
        foreach (var diagnostic in AnalyzeFile(context.AdditionalFile, context.Options.AnalyzerConfigOptionsProvider, context.CancellationToken))
        {
            context.ReportDiagnostic(diagnostic);
        }
    }

    /// <summary>The diagnostics for one additional file: none when it is not a Dockerfile. Throws only on cancellation.</summary>
    internal static IReadOnlyList<Diagnostic> AnalyzeFile(AdditionalText file, AnalyzerConfigOptionsProvider optionsProvider, CancellationToken cancellationToken)
    {
        try
        {
            if (!IsDockerfile(file, optionsProvider))
            {
                return Array.Empty<Diagnostic>();
            }

            // A file that cannot be read has no text; the compiler reports that itself.
            var text = file.GetText(cancellationToken);
            return text is null ? Array.Empty<Diagnostic>() : Analyze(file.Path, text, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // An exception escaping here would become AD0001 and switch the analyzer off for the whole
            // compilation. Only the exception's type is shown: its message might quote the file, secrets included.
            return new[] { CouldNotAnalyze(file.Path, exception) };
        }
    }

    private static List<Diagnostic> Analyze(string path, SourceText text, CancellationToken cancellationToken)
    {
        var findings = DockerfileAnalysis.FindingsOf(text.ToString(), cancellationToken);
        var diagnostics = new List<Diagnostic>(findings.Count);
        foreach (var finding in findings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var location = CreateLocation(path, text, finding.Span);
            diagnostics.Add(Diagnostic.Create(DockerfileDiagnosticDescriptors.For(finding.Rule), location, PropertiesOf(finding), finding.Message));
        }

        return diagnostics;
    }

    // Offsets and line positions both come from the SourceText the IDE shows, so squiggles land where the
    // core's span is (SourceText has already dropped a UTF-8 byte-order mark, and the core reads the same string).
    private static Location CreateLocation(string path, SourceText text, CoreTextSpan span)
    {
        var textSpan = new TextSpan(span.Start, span.Length);
        return Location.Create(path, textSpan, text.Lines.GetLinePositionSpan(textSpan));
    }

    private static ImmutableDictionary<string, string?> PropertiesOf(Finding finding) =>
        finding.IsFixable
            ? ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticProperties.Fixable, "true")
                .Add(DiagnosticProperties.FixTitle, finding.FixTitle ?? finding.Rule.Title)
            : NotFixable;

    private static Diagnostic CouldNotAnalyze(string path, Exception exception) =>
        Diagnostic.Create(
            DockerfileDiagnosticDescriptors.For(Descriptors.SyntaxError),
            Location.Create(path, default, default),
            NotFixable,
            "The analyzer could not read this Dockerfile: " + exception.GetType().FullName);
}
