using Xunit;
using static DockerGoBuild.Dockerfiles.Tests.Rules.RuleAssert;
using static DockerGoBuild.Dockerfiles.Tests.Rules.GoModuleCacheNotMountedTests;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

public class NuGetCacheNotMountedTests
{
    private const string Id = "DGB020";
    private const string Sdk = "FROM mcr.microsoft.com/dotnet/sdk:8.0\n";

    [Theory]
    [InlineData("RUN [|dotnet restore|]")]
    [InlineData("RUN [|dotnet build -c Release|]")]
    [InlineData("RUN [|dotnet publish -c Release -o /app|]")]
    [InlineData("RUN [|dotnet test|]")]
    [InlineData("RUN [|dotnet pack|]")]
    [InlineData("RUN [|dotnet run --project tools/gen|]")]
    [InlineData("RUN [|dotnet -d restore|]")]
    [InlineData("RUN [|/root/.dotnet/dotnet restore|]")]
    [InlineData("RUN [|/dotnet/dotnet restore|]")]
    [InlineData("RUN [[|\"dotnet\",\"restore\"|]]")]
    [InlineData("RUN sh -c '[|dotnet restore|]'")]
    [InlineData("RUN <<EOF\n[|dotnet restore|]\nEOF")]
    [InlineData("ONBUILD RUN [|dotnet restore|]")]
    public void RestoringCommand(string run) => Findings(Sdk + run + "\n", Id);

    [Theory]
    [InlineData("RUN dotnet publish --no-restore -o /app")]
    [InlineData("RUN dotnet test --no-build")]
    [InlineData("RUN dotnet build --no-restore")]
    [InlineData("RUN dotnet tool restore")]
    [InlineData("RUN dotnet tool install -g dotnet-ef")]
    [InlineData("RUN dotnet workload install wasm-tools")]
    [InlineData("RUN dotnet add package Newtonsoft.Json")]
    [InlineData("RUN dotnet msbuild")]
    [InlineData("RUN dotnet clean")]
    [InlineData("RUN dotnet dev-certs https")]
    [InlineData("RUN dotnet cake")]
    [InlineData("RUN dotnet app.dll")]
    [InlineData("RUN echo \"dotnet restore\"")]
    [InlineData("RUN cat <<EOF > build.sh\ndotnet restore\nEOF")]
    public void NotRestoring(string run) => None(Sdk + run + "\n", Id);

    [Theory]
    [InlineData("--mount=type=cache,target=/root/.nuget/packages")]
    [InlineData("--mount=type=cache,id=nuget,target=/root/.nuget/packages")]
    [InlineData("--mount=target=/root/.nuget/packages,type=cache")]
    [InlineData("--mount=type=cache,dst=/root/.nuget/packages")]
    [InlineData("--mount=type=cache,target=/root/.nuget")]
    public void CacheMountCovers(string mount) => None(Sdk + $"RUN {mount} dotnet restore\n", Id);

    [Theory]
    [InlineData("--mount=target=/root/.nuget/packages")]
    [InlineData("--mount=type=cache,target=/root/.nuget/http-cache")]
    public void MountDoesNotCover(string mount) => Findings(Sdk + $"RUN {mount} [|dotnet restore|]\n", Id);

    [Fact]
    public void MountSplitAcrossContinuation() =>
        None(Sdk + "RUN --mount=type=cache,\\\ntarget=/root/.nuget/packages dotnet restore\n", Id);

    [Theory]
    [InlineData(Sdk + "RUN dotnet restore --packages /pkgs\n", "/pkgs")]
    [InlineData(Sdk + "RUN dotnet restore --packages=/pkgs\n", "/pkgs")]
    [InlineData(Sdk + "RUN dotnet restore --packages=\"/quoted\" --packages-extra=/no\n", "/quoted")]
    [InlineData(Sdk + "RUN dotnet restore --packagesx=/no --packages=/yes\n", "/yes")]
    [InlineData(Sdk + "ENV NUGET_PACKAGES=/nuget\nRUN dotnet restore\n", "/nuget")]
    [InlineData(Sdk + "ARG NUGET_PACKAGES=/argnuget\nRUN dotnet restore\n", "/argnuget")]
    [InlineData(Sdk + "RUN NUGET_PACKAGES=/inline dotnet restore\n", "/inline")]
    [InlineData(Sdk + "ENV HOME=/home/app\nUSER app\nRUN dotnet restore\n", "/home/app/.nuget/packages")]
    [InlineData("FROM mcr.microsoft.com/dotnet/sdk:8.0 AS base\nENV NUGET_PACKAGES=/inherited\nFROM base\nRUN dotnet restore\n", "/inherited")]
    public void EffectivePath(string text, string path) => Assert.Equal(path, FixPath(text, Id));

    // LABELS.md 5: "Windows stages: the path is unknown unless NUGET_PACKAGES is set".
    [Fact]
    public void WindowsStage_NugetPackagesSet_PathKnown() =>
        Assert.Equal("C:/nuget", FixPath("FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\nENV NUGET_PACKAGES=C:/nuget\nRUN dotnet restore\n", Id));

    [Fact]
    public void PackagesOptionMounted() =>
        None(Sdk + "RUN --mount=type=cache,target=/pkgs dotnet restore --packages /pkgs\n", Id);

    [Theory]
    [InlineData("FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\n")]
    [InlineData("FROM mcr.microsoft.com/dotnet/framework/sdk:4.8\n")]
    [InlineData(Sdk + "USER app\n")]
    [InlineData(Sdk + "USER 1000\n")]
    public void UnknownPath_FiresWithoutFix(string head) => Assert.Null(FixPath(head + "RUN dotnet restore\n", Id));

    [Fact]
    public void UnknownPath_CacheMountThatCouldBeIt() =>
        None(Sdk + "USER app\nRUN --mount=type=cache,target=/home/app/.nuget/packages dotnet restore\n", Id);

    [Fact]
    public void UnknownPath_OtherToolsCache() =>
        Findings(Sdk + "USER app\nRUN --mount=type=cache,target=/var/cache/apt [|dotnet restore|]\n", Id);

    [Fact]
    public void BacktickEscape_Windows() =>
        Findings("# escape=`\nFROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\nRUN [|dotnet restore `\n    -r win-x64|]\n", Id);

    [Fact]
    public void Fix_AddsNugetMount() =>
        FixGives(Sdk + "RUN dotnet restore\n", Id, Sdk + "RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages dotnet restore\n");

    [Fact]
    public void Fix_Crlf() =>
        FixGives(Crlf(Sdk + "RUN \\\n  dotnet publish -o /app\n"), Id,
            Crlf(Sdk + "RUN \\\n  --mount=type=cache,id=nuget,target=/root/.nuget/packages \\\n  dotnet publish -o /app\n"));
}
