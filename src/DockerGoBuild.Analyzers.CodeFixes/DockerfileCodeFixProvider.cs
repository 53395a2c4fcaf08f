using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace DockerGoBuild.Analyzers.CodeFixes;

/// <summary>
/// Offers each fixable Dockerfile finding's fix as a code action on the Dockerfile (an additional document).
/// The edits come from the core, re-computed on the document's current text, so the IDE, the command line
/// and MSBuild rewrite a file in exactly the same way.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, LanguageNames.VisualBasic, Name = nameof(DockerfileCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) })]
[Shared]
public sealed class DockerfileCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        Descriptors.All.Where(descriptor => descriptor.HasFix).Select(descriptor => descriptor.Id).ToImmutableArray();

    public override FixAllProvider GetFixAllProvider() => DockerfileFixAllProvider.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.TextDocument;
        var text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        var analysis = DockerfileAnalysis.Analyze(text.ToString(), context.CancellationToken);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (FindingFor(analysis, diagnostic) is not { } finding)
            {
                continue;
            }

            var title = finding.FixTitle ?? finding.Rule.Title;
            var action = CodeAction.Create(
                title,
                cancellationToken => ApplyAsync(document, finding, cancellationToken),
                FixAllKey.Create(finding.Id, document.FilePath));
            context.RegisterCodeFix(action, diagnostic);
        }
    }

    /// <summary>The fixable finding the diagnostic was made from: same rule, same span.</summary>
    internal static Finding? FindingFor(AnalysisResult analysis, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        foreach (var finding in analysis.Findings)
        {
            if (finding.IsFixable && finding.Id == diagnostic.Id && finding.Span.Start == span.Start && finding.Span.Length == span.Length)
            {
                return finding;
            }
        }

        return null;
    }

    private static async Task<Solution> ApplyAsync(TextDocument document, Finding finding, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var fixedText = DockerfileFixer.Apply(text.ToString(), new[] { finding }, out _);
        return document.Project.Solution.WithAdditionalDocumentText(document.Id, WithSameEncoding(text, fixedText));
    }

    /// <summary>The new text keeps the document's encoding (and so its byte-order mark) and checksum algorithm.</summary>
    internal static SourceText WithSameEncoding(SourceText original, string text) =>
        SourceText.From(text, original.Encoding, original.ChecksumAlgorithm);
}
