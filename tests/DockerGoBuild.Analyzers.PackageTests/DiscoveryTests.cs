using Xunit;

namespace DockerGoBuild.Analyzers.PackageTests;

[Collection(PackageCollection.Name)]
public sealed class DiscoveryTests
{
    private readonly PackageFixture _package;

    public DiscoveryTests(PackageFixture package) => _package = package;

    [Fact]
    public void Project_folder_DockerfileFile_and_compose_named_Dockerfiles_are_reported_where_they_are()
    {
        var repository = _package.NewRepository("discovery");
        var project = repository.Project(
            "src/Api",
            "Api",
            properties: "<DockerfileFile>../../deploy/api.Dockerfile</DockerfileFile>",
            items: """<AdditionalFiles Include="docs/Dockerfile.example" DockerGoBuildKind="None" />""");
        repository.Solution("App.sln", project);

        // In the project folder, found by name (in any case).
        repository.Write("src/Api/Dockerfile", "FROM golang:1.23\nWORKDIR /src\nRUN go build -o /out/api .\n");
        repository.Write("src/Api/containers/Worker.DOCKERFILE", "# syntax=docker/dockerfile:1\nFROM mcr.microsoft.com/dotnet/sdk:10.0\nRUN dotnet restore\n");
        // Named by the project's DockerfileFile, outside the project folder.
        repository.Write("deploy/api.Dockerfile", "FROM alpine\n");
        // Named by the compose file next to the solution; its name alone would not make it a Dockerfile.
        repository.Write("src/Api/deploy/image.build", "# syntax=docker/dockerfile:1\nFROM alpine\nARG NPM_TOKEN\nRUN echo hi\n");
        repository.Write("docker-compose.yml", """
            services:
              api:
                build:
                  context: src/Api
                  dockerfile: deploy/image.build # the release image
                ports: ["8080:8080"]
              cache:
                image: redis:7
            """);
        // Left out: a package's Dockerfile under node_modules, and a file the project lists as not a Dockerfile.
        repository.Write("src/Api/node_modules/left-pad/Dockerfile", "FROM scratch\n");
        repository.Write("src/Api/docs/Dockerfile.example", "FROM scratch\n");

        var build = repository.Build("App.sln");

        Assert.True(build.ExitCode == 0, build.ToString());
        Findings.Equal(
            repository.Results(),
            repository,
            "deploy/api.Dockerfile(1,1): DGB001",
            "src/Api/Dockerfile(1,1): DGB001",
            "src/Api/Dockerfile(3,5): DGB010",
            "src/Api/Dockerfile(3,5): DGB011",
            "src/Api/containers/Worker.DOCKERFILE(3,5): DGB020",
            "src/Api/deploy/image.build(3,5): DGB031");
        // The same findings reach the console as build warnings at file(line,col).
        Assert.Contains(repository.PathOf("src/Api/Dockerfile") + "(3,5): warning DGB010", build.Output);
        Assert.Contains(repository.PathOf("deploy/api.Dockerfile") + "(1,1): warning DGB001", build.Output);
    }
}
