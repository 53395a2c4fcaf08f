using System.Threading.Tasks;
using Xunit;

namespace DockerGoBuild.Analyzers.Tests;

public class NuGetCacheNotMountedAnalyzerTests
{
    private const string Head = "# syntax=docker/dockerfile:1\nFROM mcr.microsoft.com/dotnet/sdk:8.0\n";

    [Fact]
    public Task RestoreWithoutCache_IsReported() =>
        Verify.Dockerfile("Dockerfile", Head + "RUN {|DGB020:dotnet restore|}\n");

    [Fact]
    public Task RestoreWithCache_AndNoRestorePublish_AreClean() =>
        Verify.Dockerfile("Dockerfile", Head +
            "RUN --mount=id=nuget,type=cache,target=/root/.nuget/packages dotnet restore\n" +
            "RUN dotnet publish --no-restore -o /app\n");

    [Fact]
    public Task ExecFormHeredocAndShC_AreReported() =>
        Verify.Dockerfile("Dockerfile", Head +
            "RUN [{|DGB020:\"dotnet\",\"restore\"|}]\n" +
            "RUN <<EOF\n{|DGB020:dotnet build -c Release|}\nEOF\n" +
            "RUN sh -c '{|DGB020:dotnet test|}'\n");

    [Fact]
    public Task BacktickEscapeCrlf_ContinuedMountIsClean() =>
        Verify.Dockerfile("Dockerfile",
            "# syntax=docker/dockerfile:1\r\n# escape=`\r\nFROM mcr.microsoft.com/dotnet/sdk:8.0\r\n" +
            "RUN --mount=type=cache,`\r\n    target=/root/.nuget/packages `\r\n    dotnet restore\r\n" +
            "RUN echo hi && `\r\n    {|DGB020:dotnet publish -c Release|}\r\n");

    [Fact]
    public Task OnbuildRun_AndSecondStage_AreReported() =>
        Verify.Dockerfile("Dockerfile", Head +
            "RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore\n" +
            "ONBUILD RUN {|DGB020:dotnet restore|}\n" +
            "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS test\nRUN {|DGB020:dotnet test|}\n");
}
