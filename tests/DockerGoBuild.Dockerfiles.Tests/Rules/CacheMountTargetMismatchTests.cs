using Xunit;
using static DockerGoBuild.Dockerfiles.Tests.Rules.RuleAssert;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

public class CacheMountTargetMismatchTests
{
    private const string Id = "DGB012";
    private const string Golang = "FROM golang:1.23\n";
    private const string Sdk = "FROM mcr.microsoft.com/dotnet/sdk:8.0\n";

    [Fact]
    public void ModuleCacheSubfolder_Dgb012AndDgb011_NoDgb010()
    {
        var text = Findings(Golang + "RUN --mount=type=cache,[|target=/go/pkg/mod/cache|] go build .\n", Id);
        var plain = Golang + "RUN --mount=type=cache,target=/go/pkg/mod/cache go build .\n";
        None(plain, "DGB010");
        Assert.Single(Analyze(plain, "DGB011"));
    }

    [Fact]
    public void GocacheMovedByEnv_Dgb012AndDgb010_NoDgb011()
    {
        const string Head = Golang + "ENV GOCACHE=/tmp/gocache\n";
        Findings(Head + "RUN --mount=type=cache,[|target=/root/.cache/go-build|] go build .\n", Id);
        var plain = Head + "RUN --mount=type=cache,target=/root/.cache/go-build go build .\n";
        None(plain, "DGB011");
        Assert.Single(Analyze(plain, "DGB010"));
    }

    [Fact]
    public void NugetPackagesMovedByEnv_Dgb012_NoDgb020()
    {
        const string Head = Sdk + "ENV NUGET_PACKAGES=/nuget\n";
        Findings(Head + "RUN --mount=type=cache,[|target=/root/.nuget/packages|] dotnet restore\n", Id);
        None(Head + "RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore\n", "DGB020");
    }

    [Fact]
    public void OtherRunsJudgedOnTheirOwn() =>
        Assert.Single(Analyze(Golang + "RUN --mount=type=cache,target=/go/pkg/mod/cache go mod download\nRUN go mod download\n", "DGB010"));

    [Theory]
    [InlineData("--mount=type=cache,[|target=/cache/gomodcache|]")]
    [InlineData("--mount=type=cache,[|target=/cache/go-mod|]")]
    [InlineData("--mount=type=cache,[|target=/tmp/go-build|]")]
    [InlineData("--mount=type=cache,[|target=/cache/gocache|]")]
    [InlineData("--mount=type=cache,id=gomod,[|target=/cache|]")] // the id says what it is for
    [InlineData("--mount=[|dst=/root/go/pkg/mod|],type=cache")]
    [InlineData("--mount=type=cache,[|destination=/root/.cache/gobuild|]")]
    public void MeantForGoCache(string mount) => Findings(Golang + $"RUN {mount} true\n", Id);

    [Fact]
    public void EveryRunIsChecked_EvenWithoutGo() =>
        Findings(Golang + "RUN --mount=type=cache,[|target=/gomod|] make\n", Id);

    [Fact]
    public void TwoMistargetedMounts_OneInstruction()
    {
        var findings = Analyze(Golang + "RUN --mount=type=cache,target=/go/pkg/mod/cache --mount=type=cache,target=/tmp/go-build go build .\n", Id);
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(1, f.InstructionLine));
    }

    [Theory]
    [InlineData("--mount=type=cache,target=/go/pkg/mod")]
    [InlineData("--mount=type=cache,target=/go")]
    [InlineData("--mount=type=cache,target=/go/pkg")]
    [InlineData("--mount=type=cache,target=/root/.cache")]
    [InlineData("--mount=type=cache,target=/root/.cache/go-build/")]
    [InlineData("--mount=type=cache,target=/root/.cache/golangci-lint")]
    [InlineData("--mount=type=cache,target=/var/cache/apt")]
    [InlineData("--mount=type=cache,target=/root/.nuget/http-cache")]
    [InlineData("--mount=type=cache,target=/root/.local/share/NuGet/v3-cache")]
    [InlineData("--mount=type=cache,target=/root/.nuget/plugins-cache")]
    [InlineData("--mount=target=/cache/go-build")] // bind mount, not a cache
    [InlineData("--mount=type=cache,target=/cache")]
    public void NotAMismatch(string mount) => None(Golang + $"RUN {mount} go build .\n", Id);

    [Fact]
    public void PerCommandOverrideMatches() =>
        None(Golang + "RUN --mount=type=cache,target=/gocache GOCACHE=/gocache go build .\n", Id);

    [Fact]
    public void RelativeTargetResolvedAgainstWorkdir() =>
        None(Golang + "WORKDIR /go/pkg\nRUN --mount=type=cache,target=mod go build .\n", Id);

    [Theory]
    [InlineData("FROM golang\nUSER 1000\nRUN --mount=type=cache,target=/home/x/.cache/go-build go build .\n")]
    [InlineData("FROM ${build_image}\nRUN --mount=type=cache,target=/cache/gomodcache go build .\n")]
    [InlineData("FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\nRUN --mount=type=cache,target=C:/nuget/packages dotnet restore\n")]
    public void UnknownPath_NeverFires(string text) => None(text, Id);

    [Fact]
    public void Crlf_SplitMount() =>
        Findings(Crlf(Golang + "RUN --mount=type=cache,\\\n[|target=/go/pkg/mod/cache|] go build .\n"), Id);

    [Fact]
    public void Fix_RewritesTarget() =>
        FixGives(Golang + "RUN --mount=type=cache,target=/go/pkg/mod/cache go mod download\n", Id,
            Golang + "RUN --mount=type=cache,target=/go/pkg/mod go mod download\n");

    [Fact]
    public void Fix_NugetTarget() =>
        FixGives(Sdk + "ENV NUGET_PACKAGES=/nuget\nRUN --mount=type=cache,target=/root/.nuget/packages dotnet restore\n", Id,
            Sdk + "ENV NUGET_PACKAGES=/nuget\nRUN --mount=type=cache,target=/nuget dotnet restore\n");
}
