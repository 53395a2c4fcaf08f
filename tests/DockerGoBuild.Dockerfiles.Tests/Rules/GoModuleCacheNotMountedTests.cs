using System.Linq;
using Xunit;
using static DockerGoBuild.Dockerfiles.Tests.Rules.RuleAssert;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

public class GoModuleCacheNotMountedTests
{
    private const string Id = "DGB010";
    private const string Golang = "FROM golang:1.23\n";

    /// <summary>The cache path the fix mounts, or null when the finding has no fix.</summary>
    internal static string? FixPath(string text, string id)
    {
        var finding = Assert.Single(Analyze(text, id));
        if (!finding.IsFixable)
        {
            return null;
        }

        var mount = finding.Fix.Single().NewText.Trim();
        return mount.Substring(mount.IndexOf("target=") + "target=".Length);
    }

    [Theory]
    [InlineData("mod download")]
    [InlineData("mod tidy")]
    [InlineData("get example.com/x@v1")]
    [InlineData("build ./...")]
    [InlineData("install ./cmd/app")]
    [InlineData("test ./...")]
    [InlineData("run ./gen")]
    [InlineData("vet ./...")]
    [InlineData("generate ./...")]
    [InlineData("list -m all")]
    public void ModuleResolvingCommand(string sub) => Findings(Golang + $"RUN [|go {sub}|]\n", Id);

    [Theory]
    [InlineData("mod vendor")]
    [InlineData("mod verify")]
    [InlineData("mod edit -go=1.23")]
    [InlineData("mod init example.com/x")]
    [InlineData("env")]
    [InlineData("version")]
    [InlineData("tool pprof")]
    [InlineData("fmt ./...")]
    [InlineData("work sync")]
    [InlineData("clean -cache")]
    [InlineData("telemetry off")]
    public void OtherGoCommand(string sub) => None(Golang + $"RUN go {sub}\n", Id);

    [Theory]
    [InlineData("RUN [|CGO_ENABLED=0 go build -o /app .|]")]
    [InlineData("RUN [|env CGO_ENABLED=0 go build .|]")]
    [InlineData("RUN apk add git && [|go mod download|]")]
    [InlineData("RUN [|/usr/local/go/bin/go build .|]")]
    [InlineData("RUN sh -c '[|go mod download|]'")]
    [InlineData("RUN bash -euxo pipefail -c \"[|go build .|]\"")]
    [InlineData("RUN find . -name go.mod -execdir [|go mod tidy|] \\;")]
    [InlineData("RUN if true; then [|go build .|]; fi")]
    [InlineData("RUN [[|\"go\",\"build\",\".\"|]]")]
    [InlineData("RUN [[|\"/bin/sh\",\"-c\",\"go mod download\"|]]")]
    [InlineData("RUN [|xx-go build -o /out/app .|]")]
    [InlineData("RUN xx-go --wrap && [|go vet ./...|]")]
    [InlineData("ONBUILD RUN [|go build .|]")]
    public void CommandForms(string run) => Findings(Golang + run + "\n", Id);

    [Fact]
    public void CommandSubstitution() =>
        Assert.Single(Analyze(Golang + "RUN echo $(go list ./...)\n", Id));

    [Theory]
    [InlineData("RUN echo \"go build\"")]
    [InlineData("RUN printf 'go mod download\\n'")]
    [InlineData("RUN gofmt -l .")]
    [InlineData("RUN gotestsum ./...")]
    [InlineData("RUN go-licenses check ./...")]
    [InlineData("RUN $GO build .")]
    [InlineData("RUN xx-go --wrap")]
    [InlineData("RUN xx-apk add gcc && xx-verify /out/app")]
    [InlineData("RUN for go in a b; do echo $go; done")]
    public void NotAGoModuleCommand(string run) => None(Golang + run + "\n", Id);

    [Fact]
    public void OneFindingPerRun() =>
        Findings(Golang + "RUN [|go build ./a|] && go build ./b && go build ./c\n", Id);

    [Fact]
    public void HeredocScript() =>
        Findings(Golang + "RUN <<EOF\nset -e\n[|go build .|]\nEOF\n", Id);

    [Fact]
    public void HeredocFedToShell() =>
        Findings(Golang + "RUN bash <<EOF\n[|go mod download|]\nEOF\n", Id);

    [Theory]
    [InlineData("RUN cat <<EOF > build.sh\ngo build .\nEOF\n")]
    [InlineData("RUN python3 <<EOF\ngo build\nEOF\n")]
    [InlineData("RUN <<EOF\n#!/usr/bin/env python3\ngo build\nEOF\n")]
    [InlineData("COPY <<EOF /usr/local/bin/build\ngo build .\nEOF\n")]
    public void HeredocData(string tail) => None(Golang + tail, Id);

    [Fact]
    public void HeredocInsideScriptIsData() =>
        Findings(Golang + "RUN <<'EOF'\ncat <<'eot' > main.go\ngo build\neot\n[|go mod download|]\nEOF\n", Id);

    [Theory]
    [InlineData("--mount=type=cache,target=/go/pkg/mod")]
    [InlineData("--mount=target=/go/pkg/mod,type=cache")]
    [InlineData("--mount=type=cache,dst=/go/pkg/mod")]
    [InlineData("--mount=type=cache,destination=/go/pkg/mod")]
    [InlineData("--mount=TYPE=cache,TARGET=/go/pkg/mod")]
    [InlineData("--mount=type=cache,target=/go/pkg/mod/")]
    [InlineData("--mount=type=cache,target=/go")]
    [InlineData("--mount=type=cache,target=/go/pkg")]
    [InlineData("--mount=type=cache,id=gomod-$TARGETARCH,sharing=locked,target=/go/pkg/mod")]
    [InlineData("--mount=type=cache,target=/go/pkg/mod,uid=1000,readonly")]
    [InlineData("--mount=type=cache,target=$SOMEWHERE")] // unresolvable target may be the cache
    public void CacheMountCovers(string mount) => None(Golang + $"RUN {mount} go mod download\n", Id);

    [Theory]
    [InlineData("--mount=target=/go/pkg/mod")] // default type is bind
    [InlineData("--mount=type=bind,target=/go/pkg/mod")]
    [InlineData("--mount=type=cache,target=/")]
    [InlineData("--mount=type=cache,target=/go/pk")]
    [InlineData("--mount=type=tmpfs,target=/go/pkg/mod")]
    public void MountDoesNotCover(string mount) => Findings(Golang + $"RUN {mount} [|go mod download|]\n", Id);

    [Fact]
    public void MountSplitAcrossContinuation() =>
        None(Golang + "RUN --mount=type=cache,\\\ntarget=/go/pkg/mod go mod download\n", Id);

    [Fact]
    public void MountSplitAcrossContinuation_Crlf() =>
        None(Crlf(Golang + "RUN --mount=type=cache,\\\ntarget=/go/pkg/mod go mod download\n"), Id);

    [Fact]
    public void MountSplitAcrossContinuation_Backtick() =>
        None(Backtick(Golang + "RUN --mount=type=cache,\\\ntarget=/go/pkg/mod go mod download\n"), Id);

    [Fact]
    public void Backtick_Reported() =>
        Findings(Backtick(Golang + "RUN echo hi && \\\n    [|go build .|]\n"), Id);

    [Fact]
    public void Crlf_Reported() =>
        Findings(Crlf(Golang + "RUN apk add git && \\\n    [|go build .|]\n"), Id);

    [Fact]
    public void Bom_Reported() =>
        Findings(Bom(Golang + "RUN [|go build .|]\n"), Id);

    [Fact]
    public void RelativeTargetAgainstWorkdir() =>
        None(Golang + "WORKDIR /go\nRUN --mount=type=cache,target=pkg/mod go build .\n", Id);

    [Fact]
    public void TargetFromArg() =>
        None(Golang + "ARG MODS=/go/pkg/mod\nRUN --mount=type=cache,target=${MODS} go build .\n", Id);

    [Theory]
    [InlineData("FROM golang:1.23\n", "/go/pkg/mod")]
    [InlineData("FROM docker.io/library/golang:1.26@sha256:abc\n", "/go/pkg/mod")]
    [InlineData("FROM mcr.microsoft.com/oss/go/microsoft/golang:1.23\n", "/go/pkg/mod")]
    [InlineData("ARG GO_VERSION=1.23\nFROM golang:${GO_VERSION}-alpine\n", "/go/pkg/mod")]
    [InlineData("FROM golang:$GO_IMAGE_TAG\n", "/go/pkg/mod")]
    [InlineData("FROM debian:bookworm\n", "/root/go/pkg/mod")]
    [InlineData("ARG BASE_IMAGE=debian:trixie-slim\nFROM $BASE_IMAGE\n", "/root/go/pkg/mod")]
    [InlineData("FROM golangci/golangci-lint:v1\n", "/root/go/pkg/mod")]
    [InlineData("FROM golang\nENV GOMODCACHE=/cache/mod\n", "/cache/mod")]
    [InlineData("FROM golang\nENV GOPATH=/gopath\n", "/gopath/pkg/mod")]
    [InlineData("FROM golang\nENV GOPATH=/a:/b\n", "/a/pkg/mod")]
    [InlineData("FROM golang\nARG GOPATH=/argpath\n", "/argpath/pkg/mod")]
    [InlineData("FROM debian\nENV HOME=/home/me\nUSER me\n", "/home/me/go/pkg/mod")]
    [InlineData("FROM debian\nUSER root\n", "/root/go/pkg/mod")]
    [InlineData("FROM debian\nUSER 0:0\n", "/root/go/pkg/mod")]
    [InlineData("FROM golang\nUSER 1000\n", "/go/pkg/mod")]
    [InlineData("FROM golang\nRUN go env -w GOMODCACHE=/envw\n", "/envw")]
    [InlineData("FROM golang AS base\nENV GOMODCACHE=/inherited\nFROM base AS build\n", "/inherited")]
    [InlineData("FROM golang AS base\nENV GOMODCACHE=/inherited\nFROM golang AS build\n", "/go/pkg/mod")]
    [InlineData("FROM debian AS base\nUSER 1000\nFROM debian AS build\n", "/root/go/pkg/mod")]
    public void EffectivePath(string head, string path) =>
        Assert.Equal(path, FixPath(head + "RUN go mod download\n", Id));

    [Theory]
    [InlineData("RUN GOMODCACHE=/inline go mod download", "/inline")]
    [InlineData("RUN export GOPATH=/exported && go mod download", "/exported/pkg/mod")]
    public void PathSetInTheRun(string run, string path) =>
        Assert.Equal(path, FixPath(Golang + run + "\n", Id));

    [Theory]
    [InlineData("FROM ${build_image}\n")] // unknown base
    [InlineData("FROM debian\nUSER 1000\n")] // non-root, no HOME
    [InlineData("FROM debian AS base\nUSER 1000\nFROM base\n")] // USER inherited
    public void UnknownPath_FiresWithoutFix(string head) =>
        Assert.Null(FixPath(head + "RUN go mod download\n", Id));

    [Fact]
    public void UnknownPath_AnyCacheMountCouldBeIt() =>
        None("FROM ${build_image}\nRUN --mount=type=cache,target=/cache/x go mod download\n", Id);

    [Theory]
    [InlineData("/root/.cache/go-build")] // the known build cache
    [InlineData("/var/cache/apk")] // another tool's cache
    public void UnknownPath_MountForSomethingElse(string target) =>
        Findings($"FROM ${{build_image}}\nRUN --mount=type=cache,target={target} [|go mod download|]\n", Id);

    [Theory]
    [InlineData("RUN go build -mod=vendor .")]
    [InlineData("RUN go build --mod=vendor .")]
    [InlineData("RUN go build -mod vendor .")]
    [InlineData("RUN GOFLAGS=-mod=vendor go build .")]
    [InlineData("RUN export GOFLAGS=-mod=vendor && go build .")]
    [InlineData("ENV GOFLAGS=-mod=vendor\nRUN go build .")]
    [InlineData("ARG GOFLAGS=-mod=vendor\nRUN go build .")]
    [InlineData("RUN go env -w GOFLAGS=-mod=vendor\nRUN go build .")]
    [InlineData("RUN GO111MODULE=off go build .")]
    [InlineData("ENV GO111MODULE=off\nRUN go build .")]
    [InlineData("ARG GO111MODULE=off\nRUN go build .")]
    [InlineData("RUN xx-go build -mod=vendor .")]
    public void ModulesNotUsed(string tail) => None(Golang + tail + "\n", Id);

    [Fact]
    public void ArgWithoutValue_IsUnset() =>
        Findings(Golang + "ARG GOFLAGS\nRUN [|go build .|]\n", Id);

    [Fact]
    public void GoflagsClearedInLaterStage() =>
        Findings("FROM golang AS a\nENV GOFLAGS=-mod=vendor\nFROM a\nENV GOFLAGS=\"\"\nRUN --mount=type=cache,target=/root/.cache [|go build .|]\n", Id);

    [Fact]
    public void VendorFlagInheritedFromEarlierStage() =>
        None("FROM golang AS a\nENV GOFLAGS=-mod=vendor\nFROM a\nRUN go build .\n", Id);

    [Fact]
    public void Fix_AddsMount() =>
        FixGives(Golang + "RUN go mod download\n", Id, Golang + "RUN --mount=type=cache,target=/go/pkg/mod go mod download\n");

    [Fact]
    public void Fix_BeforeExistingFlags() =>
        FixGives(Golang + "RUN --network=none go mod download\n", Id, Golang + "RUN --mount=type=cache,target=/go/pkg/mod --network=none go mod download\n");

    [Fact]
    public void Fix_OwnContinuationLine() =>
        FixGives(Golang + "RUN \\\n    go mod download\n", Id, Golang + "RUN \\\n    --mount=type=cache,target=/go/pkg/mod \\\n    go mod download\n");

    [Fact]
    public void Fix_DebianPath() =>
        FixGives("FROM debian\nRUN go mod download\n", Id, "FROM debian\nRUN --mount=type=cache,target=/root/go/pkg/mod go mod download\n");
}
