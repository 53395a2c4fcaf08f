using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests;

public class DockerfileNamesTests
{
    [Theory]
    [InlineData("Dockerfile")]
    [InlineData("dockerfile")]
    [InlineData("DOCKERFILE")]
    [InlineData("Dockerfile.dev")]
    [InlineData("Dockerfile-windows")]
    [InlineData("Dockerfile_windows")]
    [InlineData("build.Dockerfile")]
    [InlineData("dev.dockerfile")]
    [InlineData("Containerfile")]
    [InlineData("Containerfile.alpine")]
    public void Accepts(string fileName) => Assert.True(DockerfileNames.IsDockerfileName(fileName));

    [Theory]
    [InlineData("README.md")]
    [InlineData("Dockerfile.md")]
    [InlineData("Dockerfile.json")]
    [InlineData("Dockerfile.yaml")]
    [InlineData("Dockerfile.sh")]
    [InlineData("DockerfileGenerator.cs")]
    [InlineData("Dockerfiles")]
    [InlineData("Dockerfile.")]
    [InlineData("Containerfile-dev")]
    [InlineData("app__Dockerfile")]
    [InlineData(".dockerignore")]
    public void Rejects(string fileName) => Assert.False(DockerfileNames.IsDockerfileName(fileName));
}
