using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests;

public class DockerfileNamesTests
{
    [Theory]
    [InlineData("Dockerfile")]
    [InlineData("dockerfile")]
    [InlineData("Dockerfile.windows")]
    [InlineData("Dockerfile-alpine")]
    [InlineData("Dockerfile_ci")]
    [InlineData("api.Dockerfile")]
    [InlineData("lint.dockerfile")]
    [InlineData("Containerfile")]
    [InlineData("containerfile.prod")]
    [InlineData("src/app/Dockerfile")]
    [InlineData(@"C:\src\app\Dockerfile.nanoserver")]
    public void DockerfileNames_AreRecognised(string name) => Assert.True(DockerfileNames.IsDockerfileName(name));

    [Theory]
    [InlineData("")]
    [InlineData("src/")]
    [InlineData("Dockerfile.")]
    [InlineData(".Dockerfile")]
    [InlineData("Dockerfiles")]
    [InlineData("MyDockerfile")]
    [InlineData("Containerfile-dev")]
    [InlineData("Dockerfile.cs")]
    [InlineData("Dockerfile.md")]
    [InlineData("Dockerfile.json")]
    [InlineData("api.Dockerfile.yml")]
    [InlineData("Dockerfile.template")]
    [InlineData("Dockerfile.dockerignore")]
    [InlineData("docker-compose.yml")]
    public void OtherNames_AreNot(string name) => Assert.False(DockerfileNames.IsDockerfileName(name));
}
