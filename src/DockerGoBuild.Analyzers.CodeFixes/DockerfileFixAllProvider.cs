using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerGoBuild.Dockerfiles.Fixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DockerGoBuild.Analyzers.CodeFixes;

/// <summary>
/// FixAll over Dockerfiles. The built-in providers work on C# documents only, so this one collects the
/// rule's diagnostics in additional files, groups them by file and rewrites each Dockerfile once with the
/// core fix engine (which composes the edits and re-analyses until that rule has nothing left to fix).
/// </summary>
internal sealed class DockerfileFixAllProvider : FixAllProvider
{
    public static readonly DockerfileFixAllProvider Instance = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
        new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        if (!FixAllKey.TryRead(fixAllContext.CodeActionEquivalenceKey, out var ruleId, out var path))
        {
            return Task.FromResult<CodeAction?>(null);
        }

        var projects = fixAllContext.Scope == FixAllScope.Solution
            ? fixAllContext.Solution.Projects.ToList()
            : new List<Project> { fixAllContext.Project };
        var onlyPath = fixAllContext.Scope == FixAllScope.Document ? path : null;
        var title = fixAllContext.Scope switch
        {
            FixAllScope.Document => $"Fix all {ruleId} in {System.IO.Path.GetFileName(path)}",
            FixAllScope.Project => $"Fix all {ruleId} in project {fixAllContext.Project.Name}",
            _ => $"Fix all {ruleId} in the solution",
        };

        return Task.FromResult<CodeAction?>(CodeAction.Create(
            title,
            cancellationToken => FixAsync(fixAllContext.WithCancellationToken(cancellationToken), projects, ruleId, onlyPath),
            fixAllContext.CodeActionEquivalenceKey));
    }

    private static async Task<Solution> FixAsync(FixAllContext context, List<Project> projects, string ruleId, string? onlyPath)
    {
        var solution = context.Solution;
        foreach (var project in projects)
        {
            var diagnostics = await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
            var files = FilesWithDiagnostics(diagnostics, ruleId, onlyPath);
            foreach (var document in project.AdditionalDocuments)
            {
                if (document.FilePath is null || !files.Contains(document.FilePath))
                {
                    continue;
                }

                solution = await FixDocumentAsync(solution, document, ruleId, context.CancellationToken).ConfigureAwait(false);
            }
        }

        return solution;
    }

    /// <summary>The files (by path) that have at least one diagnostic of the rule, each once.</summary>
    private static HashSet<string> FilesWithDiagnostics(ImmutableArray<Diagnostic> diagnostics, string ruleId, string? onlyPath)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Id != ruleId || diagnostic.Location.Kind != LocationKind.ExternalFile)
            {
                continue;
            }

            var path = diagnostic.Location.GetLineSpan().Path;
            if (onlyPath is null || string.Equals(path, onlyPath, StringComparison.Ordinal))
            {
                files.Add(path);
            }
        }

        return files;
    }

    private static async Task<Solution> FixDocumentAsync(Solution solution, TextDocument document, string ruleId, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var result = DockerfileFixer.Fix(text.ToString(), new[] { ruleId }, cancellationToken);
        return result.Changed
            ? solution.WithAdditionalDocumentText(document.Id, DockerfileCodeFixProvider.WithSameEncoding(text, result.Text))
            : solution;
    }
}
