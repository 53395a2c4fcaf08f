using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace DockerGoBuild.Analyzers.Tests.CodeFixes;

public class DockerfileCodeFixProviderTests
{
    private const string Path = "/repo/Dockerfile";
    private const string Directive = "# syntax=docker/dockerfile:1\n";

    public static TheoryData<string, string, string, string> EveryFix => new()
    {
        { "DGB001", "FROM alpine\n", "Add '# syntax=docker/dockerfile:1'", Directive + "FROM alpine\n" },
        { "DGB002", Directive + "# syntax=docker/dockerfile:1.7\nFROM alpine\n", "Delete the second 'syntax' directive", Directive + "FROM alpine\n" },
        { "DGB010", Directive + "FROM golang:1.23\nRUN go mod download\n", "Add '--mount=type=cache,target=/go/pkg/mod'", Directive + "FROM golang:1.23\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n" },
        { "DGB011", Directive + "FROM golang:1.23\nRUN --mount=type=cache,target=/go/pkg/mod go build .\n", "Add '--mount=type=cache,target=/root/.cache/go-build'", Directive + "FROM golang:1.23\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build .\n" },
        { "DGB012", Directive + "FROM golang:1.23\nRUN --mount=type=cache,target=/root/go/pkg/mod go mod download\n", "Target /go/pkg/mod", Directive + "FROM golang:1.23\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n" },
        { "DGB020", Directive + "FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet restore\n", "Add '--mount=type=cache,id=nuget,target=/root/.nuget/packages'", Directive + "FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN --mount=type=cache,id=nuget,target=/root/.nuget/packages dotnet restore\n" },
        { "DGB030", Directive + "FROM node:20\nCOPY .npmrc ./\nRUN npm ci\n", "Mount '.npmrc' as a secret instead of copying it", Directive + "FROM node:20\nRUN --mount=type=secret,id=npmrc,target=/.npmrc npm ci\n" },
        { "DGB031", Directive + "FROM alpine\nARG NPM_TOKEN\nRUN echo $NPM_TOKEN\n", "Replace ARG NPM_TOKEN with a secret mount", Directive + "FROM alpine\nRUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN echo $NPM_TOKEN\n" },
        { "DGB032", Directive + "FROM alpine\nRUN --mount=type=secret,id=ssh_key,target=/root/.ssh/id_rsa git clone git@github.com:o/r.git\n", "Use '--mount=type=ssh'", Directive + "FROM alpine\nRUN --mount=type=ssh git clone git@github.com:o/r.git\n" },
    };

    [Theory]
    [MemberData(nameof(EveryFix))]
    public async Task EachFixableRule_OffersOneActionThatRemovesItsDiagnostic(string id, string before, string title, string after)
    {
        using var workspace = new FixWorkspace();
        var projectId = workspace.AddProject("App", (Path, before));
        var diagnostic = (await FixWorkspace.DiagnosticsAsync(workspace.Solution.GetProject(projectId)!)).Single(d => d.Id == id);

        var action = Assert.Single(await workspace.ActionsForAsync(Path, diagnostic));
        var solution = await FixWorkspace.ApplyAsync(action);
        var fixedText = workspace.TextOf(solution, Path);

        Assert.Equal(title, action.Title);
        Assert.Equal(after, fixedText);

        Assert.StartsWith(id + "|", action.EquivalenceKey);
        Assert.NotEqual(before, fixedText);
        var remaining = await FixWorkspace.DiagnosticsAsync(solution.GetProject(projectId)!);
        Assert.DoesNotContain(remaining, d => d.Id == id && d.Location.SourceSpan == diagnostic.Location.SourceSpan);
        Assert.DoesNotContain(remaining, d => d.Id == "DGB000");
    }

    [Fact]
    public async Task NoActionForAFindingWithoutAFix()
    {
        using var workspace = new FixWorkspace();
        var projectId = workspace.AddProject("App", (Path, Directive + "FROM alpine\nENV API_TOKEN=abc\n"));
        var diagnostic = (await FixWorkspace.DiagnosticsAsync(workspace.Solution.GetProject(projectId)!)).Single(d => d.Id == "DGB031");

        Assert.Empty(await workspace.ActionsForAsync(Path, diagnostic));
    }

    [Fact]
    public async Task NoActionForAStaleDiagnostic()
    {
        using var workspace = new FixWorkspace();
        var projectId = workspace.AddProject("App", (Path, "FROM golang:1.23\nRUN go build .\n"));
        var diagnostic = (await FixWorkspace.DiagnosticsAsync(workspace.Solution.GetProject(projectId)!)).First(d => d.Id == "DGB011");

        // The file changed after the analysis: the diagnostic's span no longer matches a finding.
        using var editedWorkspace = new FixWorkspace();
        editedWorkspace.AddProject("App", (Path, "FROM golang:1.23\n\nRUN go build .\n"));

        Assert.Empty(await editedWorkspace.ActionsForAsync(Path, diagnostic));
    }

    [Fact]
    public async Task KeepsTheDocumentsEncodingAndByteOrderMark()
    {
        using var workspace = new FixWorkspace();
        var projectId = workspace.AddProject("App");
        var withBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        workspace.AddDockerfile(projectId, Path, SourceText.From("FROM golang:1.23\r\nRUN go build .\r\n", withBom));
        var diagnostic = (await FixWorkspace.DiagnosticsAsync(workspace.Solution.GetProject(projectId)!)).Single(d => d.Id == "DGB011");

        var solution = await FixWorkspace.ApplyAsync(Assert.Single(await workspace.ActionsForAsync(Path, diagnostic)));
        var text = await solution.GetProject(projectId)!.AdditionalDocuments.Single().GetTextAsync();

        Assert.Same(withBom, text.Encoding);
        Assert.Equal("FROM golang:1.23\r\nRUN --mount=type=cache,target=/root/.cache/go-build go build .\r\n", text.ToString());
    }

    [Fact]
    public async Task FixAll_DocumentScope_FixesEveryOccurrenceInThatDockerfileOnly()
    {
        using var workspace = new FixWorkspace();
        var projectId = workspace.AddProject("App", ("/repo/a/Dockerfile", TwoGoBuilds), ("/repo/b/Dockerfile", TwoGoBuilds));

        var solution = await workspace.FixAllAsync(projectId, FixAllScope.Document, "DGB011|/repo/a/Dockerfile");

        Assert.Equal(TwoGoBuildsWithBuildCache, workspace.TextOf(solution, "/repo/a/Dockerfile"));
        Assert.Equal(TwoGoBuilds, workspace.TextOf(solution, "/repo/b/Dockerfile"));
    }

    [Fact]
    public async Task FixAll_ProjectScope_FixesEveryDockerfileOfTheProjectOnly()
    {
        using var workspace = new FixWorkspace();
        var app = workspace.AddProject("App", ("/repo/a/Dockerfile", TwoGoBuilds), ("/repo/b/Dockerfile.dev", TwoGoBuilds));
        workspace.AddProject("Worker", ("/repo/c/Dockerfile", TwoGoBuilds));

        var solution = await workspace.FixAllAsync(app, FixAllScope.Project, "DGB011|/repo/a/Dockerfile");

        Assert.Equal(TwoGoBuildsWithBuildCache, workspace.TextOf(solution, "/repo/a/Dockerfile"));
        Assert.Equal(TwoGoBuildsWithBuildCache, workspace.TextOf(solution, "/repo/b/Dockerfile.dev"));
        Assert.Equal(TwoGoBuilds, workspace.TextOf(solution, "/repo/c/Dockerfile"));
    }

    [Fact]
    public async Task FixAll_SolutionScope_FixesEveryProjectAndOnlyThatRule()
    {
        using var workspace = new FixWorkspace();
        var app = workspace.AddProject("App", ("/repo/a/Dockerfile", TwoGoBuilds));
        workspace.AddProject("Worker", ("/repo/c/Dockerfile", TwoGoBuilds));

        var solution = await workspace.FixAllAsync(app, FixAllScope.Solution, "DGB011|/repo/a/Dockerfile");

        Assert.Equal(TwoGoBuildsWithBuildCache, workspace.TextOf(solution, "/repo/a/Dockerfile"));
        Assert.Equal(TwoGoBuildsWithBuildCache, workspace.TextOf(solution, "/repo/c/Dockerfile"));
        var remaining = await FixWorkspace.DiagnosticsAsync(solution.GetProject(app)!);
        Assert.DoesNotContain(remaining, d => d.Id == "DGB011");
        Assert.Equal(2, remaining.Count(d => d.Id == "DGB010"));
    }

    private const string TwoGoBuilds = Directive + "FROM golang:1.23\nRUN go build ./cmd/a\nRUN \\\n    go build ./cmd/b\n";

    private const string TwoGoBuildsWithBuildCache = Directive + "FROM golang:1.23\nRUN --mount=type=cache,target=/root/.cache/go-build go build ./cmd/a\nRUN \\\n    --mount=type=cache,target=/root/.cache/go-build \\\n    go build ./cmd/b\n";
}
