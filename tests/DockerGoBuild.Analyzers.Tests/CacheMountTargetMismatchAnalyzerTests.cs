using System.Threading.Tasks;
using Xunit;

namespace DockerGoBuild.Analyzers.Tests;

public class CacheMountTargetMismatchAnalyzerTests
{
    private const string Head = "# syntax=docker/dockerfile:1\nFROM golang:1.23\n";

    [Fact]
    public Task ModuleCacheMountedBelowGomodcache_IsReported() =>
        Verify.Dockerfile("Dockerfile", Head + "RUN --mount=type=cache,{|DGB012:target=/go/pkg/mod/cache|} true\n");

    [Fact]
    public Task CorrectTarget_IsClean() =>
        Verify.Dockerfile("Dockerfile", Head + "RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build .\n");

    [Fact]
    public Task OptionsInAnotherOrder_ReportTheDstOption() =>
        Verify.Dockerfile("Dockerfile", Head + "RUN --mount={|DGB012:dst=/root/go/pkg/mod|},type=cache true\n");

    [Fact]
    public Task GocacheMovedByEnv_ReportsTheDefaultPath() =>
        Verify.Dockerfile("Dockerfile", Head + "ENV GOCACHE=/tmp/gocache\n" +
            "RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,{|DGB012:target=/root/.cache/go-build|} go build .\n");

    [Fact]
    public Task TargetOnCrlfContinuationLine_IsReported() =>
        Verify.Dockerfile("Dockerfile",
            "# syntax=docker/dockerfile:1\r\nFROM golang:1.23\r\nRUN --mount=type=cache,\\\r\n{|DGB012:target=/go/pkg/mod/cache|} true\r\n");

    [Fact]
    public Task NuGetPackagesMovedByEnv_InOnlyThatStage() =>
        Verify.Dockerfile("Dockerfile",
            "# syntax=docker/dockerfile:1\nFROM mcr.microsoft.com/dotnet/sdk:8.0 AS a\nENV NUGET_PACKAGES=/nuget\n" +
            "RUN --mount=type=cache,{|DGB012:target=/root/.nuget/packages|} true\n" +
            "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS b\nRUN --mount=type=cache,target=/root/.nuget/packages dotnet restore\n");
}
