using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace DockerGoBuild.Analyzers.PackageTests;

[Collection(PackageCollection.Name)]
public sealed class RepositoryRootTests
{
    private readonly PackageFixture _package;

    public RepositoryRootTests(PackageFixture package) => _package = package;

    [Fact]
    public void Dockerfiles_outside_every_project_are_reported_once_by_the_opted_in_project_and_otherwise_named_once()
    {
        var repository = _package.NewRepository("root");
        var web = repository.Project("src/Web", "Web");
        // Two target frameworks: two compilations, and still one report per finding.
        var worker = repository.Project("src/Worker", "Worker", targetFrameworks: "net10.0;netstandard2.0");
        repository.Solution("Shop.sln", web, worker);

        repository.Write("Dockerfile", "FROM golang:1.23\nRUN go mod download\n");
        repository.Write("sidecar/build.df", "FROM golang:1.23\nRUN --mount=type=cache,target=/go/pkg/mod/cache go mod download\n");
        repository.Write("compose.yaml", "services:\n  sidecar:\n    build: { context: sidecar, dockerfile: build.df }\n");
        repository.Write("src/Worker/Dockerfile", "# syntax=docker/dockerfile:1\nFROM mcr.microsoft.com/dotnet/sdk:10.0\nCOPY .npmrc /root/.npmrc\n");

        // No project opted in: the Dockerfiles outside the projects are left alone, and the build says so once.
        var withoutRoot = repository.Build("Shop.sln");
        Assert.True(withoutRoot.ExitCode == 0, withoutRoot.ToString());
        Findings.Equal(repository.Results(), repository, "src/Worker/Dockerfile(3,6): DGB030");
        var message = new Regex(@"DockerGoBuild: 2 Dockerfile\(s\) outside every project folder are not analysed \(Dockerfile, sidecar/build\.df\)\. To analyse them, set <DockerGoBuildRepositoryRoot>true</DockerGoBuildRepositoryRoot> in one project\.");
        Assert.Single(message.Matches(withoutRoot.Output));

        repository.Project("src/Web", "Web", properties: "<DockerGoBuildRepositoryRoot>true</DockerGoBuildRepositoryRoot>");
        var withRoot = repository.Build("Shop.sln", "--no-restore");

        Assert.True(withRoot.ExitCode == 0, withRoot.ToString());
        Findings.Equal(
            repository.Results(),
            repository,
            "Dockerfile(1,1): DGB001",
            "Dockerfile(2,5): DGB010",
            "sidecar/build.df(1,1): DGB001",
            "sidecar/build.df(2,24): DGB012",
            "src/Worker/Dockerfile(3,6): DGB030");
        Assert.DoesNotContain("outside every project folder are not analysed", withRoot.Output);
        // The web project reported the repository's Dockerfiles, the worker only its own.
        Assert.All(repository.Results().Where(result => !result.FilePath.Contains("Worker")), result => Assert.Contains("/src/Web/sarif/", result.LogPath));
    }
}
