using System.IO;
using DockerGoBuild.Analyzers.Tasks;
using Xunit;

namespace DockerGoBuild.Analyzers.PackageTests;

public sealed class ComposeFileTests
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "repo");

    private static string At(string relativePath) => Path.GetFullPath(Path.Combine(Folder, relativePath));

    [Theory]
    [InlineData("docker-compose.yml", true)]
    [InlineData("docker-compose.override.yaml", true)]
    [InlineData("Docker-Compose.Prod.YML", true)]
    [InlineData("compose.yaml", true)]
    [InlineData("compose-dev.yml", true)]
    [InlineData("docker-compose.json", false)]
    [InlineData("my-compose.yml", false)]
    [InlineData("values.yaml", false)]
    public void Compose_file_names(string name, bool expected) => Assert.Equal(expected, ComposeFile.IsComposeFileName(name));

    [Fact]
    public void Block_short_and_flow_forms_resolve_the_Dockerfile_against_the_context()
    {
        const string text = """
            # the services
            version: "3.9"
            services:
              api:
                image: registry.example.com/api:1.0   # a colon in a value
                build:
                  context: ./src/Api
                  dockerfile: "deploy/Dockerfile.release"
                  args:
                    - CONFIG=Release
              worker:
                build: src/Worker
              sidecar:
                build: { context: sidecar, dockerfile: 'build.df' }
              root:
                build:
                  dockerfile: Containerfile
              db:
                image: postgres:16
            volumes:
              data:
                build: not-a-service
            """;

        Assert.Equal(
            new[] { At("src/Api/deploy/Dockerfile.release"), At("src/Worker/Dockerfile"), At("sidecar/build.df"), At("Containerfile") },
            ComposeFile.DockerfilePaths(text, Folder));
    }

    [Fact]
    public void Builds_it_cannot_follow_are_skipped()
    {
        const string text = """
            services:
              remote:
                build: https://github.com/example/app.git#main
              interpolated:
                build:
                  context: ${APP_DIR}
              anchored:
                build: *common-build
              plain:
                build: .
              inline:
                build:
                  context: .
                  dockerfile_inline: |
                    FROM scratch
                    dockerfile: not/this
            """;

        // Only the plain service: an inline Dockerfile is no file, and the block scalar's text ("dockerfile: not/this") is not a key.
        Assert.Equal(new[] { At("Dockerfile") }, ComposeFile.DockerfilePaths(text, Folder));
    }

    [Fact]
    public void Windows_line_ends_and_four_space_indents_are_read_too()
    {
        var text = "services:\r\n    api:\r\n        build:\r\n            context: api\r\n";
        Assert.Equal(new[] { At("api/Dockerfile") }, ComposeFile.DockerfilePaths(text, Folder));
    }
}
