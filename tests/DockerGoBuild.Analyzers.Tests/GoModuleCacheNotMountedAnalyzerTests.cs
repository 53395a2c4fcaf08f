using System.Threading.Tasks;
using Xunit;

namespace DockerGoBuild.Analyzers.Tests;

public class GoModuleCacheNotMountedAnalyzerTests
{
    private const string Head = "# syntax=docker/dockerfile:1\nFROM golang:1.23\n";

    [Fact]
    public Task ModDownloadWithoutCache_IsReported() =>
        Verify.Dockerfile("Dockerfile", Head + "RUN {|DGB010:go mod download|}\n");

    [Fact]
    public Task ModDownloadWithCacheMount_IsClean() =>
        Verify.Dockerfile("Dockerfile", Head + "RUN --mount=type=cache,target=/go/pkg/mod go mod download\n");

    [Fact]
    public Task MountSplitAcrossContinuationLines_WithOptionsReordered_IsClean() =>
        Verify.Dockerfile("Dockerfile", Head + "RUN --mount=sharing=locked,type=cache,\\\ntarget=/go/pkg/mod go mod download\n");

    [Fact]
    public Task HeredocScriptAndShC_AreReported() =>
        Verify.Dockerfile("Dockerfile", Head + "RUN <<EOF\nset -e\n{|DGB010:go mod download|}\nEOF\nRUN sh -c '{|DGB010:go mod tidy|}'\n");

    [Fact]
    public Task BacktickEscapeWithCrlf_ContinuedMountIsClean_UnmountedIsReported() =>
        Verify.Dockerfile("Dockerfile",
            "# syntax=docker/dockerfile:1\r\n# escape=`\r\nFROM golang:1.23\r\n" +
            "RUN --mount=type=cache,`\r\ntarget=/go/pkg/mod go mod download\r\n" +
            "RUN echo hi && `\r\n    {|DGB010:CGO_ENABLED=0 go mod download|}\r\n");

    [Fact]
    public Task OnbuildRun_AndSecondStage_AreScopedPerInstruction() =>
        Verify.Dockerfile("Dockerfile", Head +
            "RUN --mount=type=cache,target=/go/pkg/mod go mod download\n" +
            "ONBUILD RUN {|DGB010:go mod download|}\n" +
            "FROM golang:1.23 AS second\nRUN {|DGB010:go mod download|}\n");
}
