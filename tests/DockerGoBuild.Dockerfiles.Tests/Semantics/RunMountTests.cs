using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Semantics;

public class RunMountTests
{
    [Theory]
    [InlineData("target=/go/pkg/mod", "GoModules")]
    [InlineData("target=/root/go/PKG/MOD", "GoModules")]
    [InlineData("target=/cache,id=gomod", "GoModules")]
    [InlineData("target=/x/modcache-go-build", "GoModules")]
    [InlineData("target=/root/.cache/go-build", "GoBuild")]
    [InlineData("target=/GOCACHE", "GoBuild")]
    [InlineData("target=/c,id=go-cache", "GoBuild")]
    [InlineData("target=/root/.nuget/packages", "NuGetPackages")]
    [InlineData("target=/root/.NuGet/packages", "NuGetPackages")]
    [InlineData("target=/root/.nuget/http-cache", "none")]
    [InlineData("target=/root/.nuget/v3-cache", "none")]
    [InlineData("target=/tmp/NuGetScratch", "none")]
    [InlineData("target=/root/.local/share/NuGet/plugins-cache", "none")]
    [InlineData("target=/var/cache/apt", "none")]
    [InlineData("target=/root/.cache/golangci-lint", "none")]
    [InlineData("target=/root/.npm,id=gomod", "none")]
    [InlineData("target=/data", "none")]
    [InlineData("target=/\u212Aache/go-build", "GoBuild")]
    [InlineData("target=/\u00e9/pkg/mod", "GoModules")]
    [InlineData("target=/go/pkg/mo", "none")]
    [InlineData("id=nuget", "NuGetPackages")]
    [InlineData("target=/root/.m2,id=gomod", "none")]
    [InlineData("target=/CACHE/Yarn/go-build", "none")]
    [InlineData("target=/root/.cache/go-build,id=npm-cache", "none")]
    [InlineData("target=/root/.cache/Gradle-go-build", "none")]
    [InlineData("target=/root/.cache/gradl/go-build", "GoBuild")]
    [InlineData("target=/root/.cache/pip-tools/pkg/mod", "none")]
    [InlineData("target=/root/.cache/pipx/pkg/mod", "GoModules")]
    [InlineData("target=/root/.cache/cargo2/pkg/mod", "none")]
    [InlineData("target=/root/\u212Aache/apt", "none")]
    public void Cache_mounts_are_told_apart_by_target_or_id(string options, string expected)
    {
        var syntax = DockerfileParser.Parse($"FROM alpine\nRUN --mount=type=cache,{options} true\n");
        var run = syntax.InstructionList[1];
        var mounts = RunMount.Read(run, new StageState(0, '\\'));

        Assert.Equal(expected, mounts[0].MeantFor()?.ToString() ?? "none");
    }
}
