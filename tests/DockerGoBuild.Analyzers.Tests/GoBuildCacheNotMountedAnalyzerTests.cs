using System.Threading.Tasks;
using Xunit;

namespace DockerGoBuild.Analyzers.Tests;

public class GoBuildCacheNotMountedAnalyzerTests
{
    private const string Head = "# syntax=docker/dockerfile:1\nFROM golang:1.23\n";
    private const string ModCache = "--mount=type=cache,target=/go/pkg/mod";

    [Fact]
    public Task BuildWithoutBuildCache_IsReported() =>
        Verify.Dockerfile("Dockerfile", Head + $"RUN {ModCache} {{|DGB011:CGO_ENABLED=0 go build -o /app .|}}\n");

    [Fact]
    public Task BuildWithBothCaches_IsClean() =>
        Verify.Dockerfile("Dockerfile", Head + $"RUN {ModCache} --mount=target=/root/.cache/go-build,type=cache go build .\n");

    [Fact]
    public Task ExecForm_IsReported() =>
        Verify.Dockerfile("Dockerfile", Head + $"RUN {ModCache} [{{|DGB011:\"go\",\"build\",\".\"|}}]\n");

    [Fact]
    public Task HeredocAndShC_AreReported() =>
        Verify.Dockerfile("Dockerfile", Head +
            $"RUN {ModCache} <<EOF\n{{|DGB011:go build .|}}\nEOF\n" +
            $"RUN {ModCache} sh -c '{{|DGB011:go test ./...|}}'\n");

    [Fact]
    public Task CacheMountSplitAcrossCrlfContinuation_IsClean() =>
        Verify.Dockerfile("Dockerfile",
            "# syntax=docker/dockerfile:1\r\nFROM golang:1.23\r\n" +
            $"RUN {ModCache} --mount=type=cache,\\\r\ntarget=/root/.cache/go-build go build .\r\n");

    [Fact]
    public Task BuildCacheInFirstStage_DoesNotCoverSecondStage_OrOnbuild() =>
        Verify.Dockerfile("Dockerfile", Head +
            $"RUN {ModCache} --mount=type=cache,target=/root/.cache/go-build go build .\n" +
            $"FROM golang:1.23 AS tests\nRUN {ModCache} {{|DGB011:go vet ./...|}}\n" +
            $"ONBUILD RUN {ModCache} {{|DGB011:go install .|}}\n");
}
