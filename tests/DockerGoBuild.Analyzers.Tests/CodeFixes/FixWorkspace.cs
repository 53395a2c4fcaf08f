using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerGoBuild.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace DockerGoBuild.Analyzers.Tests.CodeFixes;

/// <summary>
/// A small AdhocWorkspace harness for fixes in additional documents, which the Roslyn testing library does
/// not apply: analyzer -> <see cref="CodeFixContext"/> on the TextDocument -> apply the action's solution.
/// </summary>
public sealed class FixWorkspace : IDisposable
{
    private readonly AdhocWorkspace workspace = new();

    public DockerfileCodeFixProvider Provider { get; } = new();

    public Solution Solution => workspace.CurrentSolution;

    /// <summary>Adds a C# project with the given Dockerfiles (path -> text) as additional documents.</summary>
    public ProjectId AddProject(string name, params (string Path, string Text)[] dockerfiles)
    {
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(name), VersionStamp.Default, name, name, LanguageNames.CSharp)
            .WithMetadataReferences(new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) }));
        var solution = project.Solution;
        foreach (var (path, text) in dockerfiles)
        {
            solution = solution.AddAdditionalDocument(
                DocumentId.CreateNewId(project.Id, path), System.IO.Path.GetFileName(path), SourceText.From(text, new UTF8Encoding(false)), filePath: path);
        }

        Assert.True(workspace.TryApplyChanges(solution));
        return project.Id;
    }

    public void AddDockerfile(ProjectId projectId, string path, SourceText text) =>
        Assert.True(workspace.TryApplyChanges(Solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId, path), System.IO.Path.GetFileName(path), text, filePath: path)));

    public TextDocument Dockerfile(string path) =>
        Solution.Projects.SelectMany(project => project.AdditionalDocuments).First(document => document.FilePath == path);

    public string TextOf(Solution solution, string path) =>
        solution.Projects.SelectMany(project => project.AdditionalDocuments).First(document => document.FilePath == path).GetTextAsync().Result.ToString();

    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var analysis = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DockerfileAnalyzer()), project.AnalyzerOptions);
        return await analysis.GetAnalyzerDiagnosticsAsync();
    }

    /// <summary>The code actions the provider offers for one diagnostic of the Dockerfile at <paramref name="path"/>.</summary>
    public async Task<List<CodeAction>> ActionsForAsync(string path, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(Dockerfile(path), diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await Provider.RegisterCodeFixesAsync(context);
        return actions;
    }

    public static async Task<Solution> ApplyAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        return Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
    }

    /// <summary>Runs the provider's FixAll for the action's equivalence key at the given scope, from a project.</summary>
    public async Task<Solution> FixAllAsync(ProjectId projectId, FixAllScope scope, string equivalenceKey)
    {
        var project = Solution.GetProject(projectId)!;
        var context = new FixAllContext(project, Provider, scope, equivalenceKey, Provider.FixableDiagnosticIds, new AnalyzerDiagnosticProvider(), CancellationToken.None);
        var action = await Provider.GetFixAllProvider().GetFixAsync(context);
        Assert.NotNull(action);
        return await ApplyAsync(action!);
    }

    public void Dispose() => workspace.Dispose();

    /// <summary>What a host supplies to FixAll: the analyzer's diagnostics for a project.</summary>
    private sealed class AnalyzerDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await DiagnosticsAsync(project);

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await DiagnosticsAsync(project);
    }
}
