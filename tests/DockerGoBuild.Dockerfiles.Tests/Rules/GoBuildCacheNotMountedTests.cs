using Xunit;
using static DockerGoBuild.Dockerfiles.Tests.Rules.RuleAssert;
using static DockerGoBuild.Dockerfiles.Tests.Rules.GoModuleCacheNotMountedTests;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

public class GoBuildCacheNotMountedTests
{
    private const string Id = "DGB011";
    private const string Golang = "FROM golang:1.23\n";

    [Theory]
    [InlineData("build ./...")]
    [InlineData("install ./cmd/app")]
    [InlineData("test ./...")]
    [InlineData("run ./gen")]
    [InlineData("vet ./...")]
    [InlineData("generate ./...")]
    public void CompilingCommand(string sub) => Findings(Golang + $"RUN [|go {sub}|]\n", Id);

    [Theory]
    [InlineData("mod download")]
    [InlineData("mod tidy")]
    [InlineData("get example.com/x@v1")]
    [InlineData("list -m all")]
    [InlineData("env")]
    [InlineData("mod verify")]
    public void NonCompilingCommand(string sub) => None(Golang + $"RUN go {sub}\n", Id);

    [Theory]
    [InlineData("RUN [[|\"go\",\"build\",\".\"|]]")]
    [InlineData("RUN sh -c '[|go test ./...|]'")]
    [InlineData("RUN [|xx-go build .|]")]
    [InlineData("ONBUILD RUN [|go install .|]")]
    [InlineData("RUN <<EOF\n[|go build .|]\nEOF")]
    [InlineData("RUN bash <<EOF\n[|go build .|]\nEOF")]
    [InlineData("RUN <<EOF\n#!/bin/sh\n[|go build .|]\nEOF")]
    [InlineData("RUN <<EOF\n#!/usr/bin/env -S bash -e\n[|go build .|]\nEOF")]
    public void CommandForms(string run) => Findings(Golang + run + "\n", Id);

    [Theory]
    [InlineData("RUN cat <<EOF > f\ngo build .\nEOF")]
    [InlineData("RUN <<EOF\n#!/usr/bin/env python3\ngo build\nEOF")]
    [InlineData("RUN $GO build .")]
    [InlineData("RUN xx-go --wrap")]
    public void NotACompileCommand(string run) => None(Golang + run + "\n", Id);

    [Theory]
    [InlineData("--mount=type=cache,target=/root/.cache/go-build")]
    [InlineData("--mount=target=/root/.cache/go-build,type=cache")]
    [InlineData("--mount=type=cache,dst=/root/.cache/go-build")]
    [InlineData("--mount=type=cache,destination=/root/.cache/go-build")]
    [InlineData("--mount=type=cache,target=/root/.cache")]
    [InlineData("--mount=type=cache,target=/root/.cache/")]
    public void CacheMountCovers(string mount) => None(Golang + $"RUN {mount} go build .\n", Id);

    [Theory]
    [InlineData("--mount=target=/root/.cache/go-build")]
    [InlineData("--mount=type=cache,target=/root/.cache/go")]
    [InlineData("--mount=type=cache,target=/root/.cache/golangci-lint")]
    [InlineData("--mount=type=cache,target=/go/pkg/mod")]
    public void MountDoesNotCover(string mount) => Findings(Golang + $"RUN {mount} [|go build .|]\n", Id);

    [Fact]
    public void MountSplitAcrossContinuation() =>
        None(Golang + "RUN --mount=type=cache,\\\ntarget=/root/.cache/go-build go build .\n", Id);

    [Fact]
    public void MountSplitAcrossContinuation_BacktickCrlf() =>
        None(Crlf(Backtick(Golang + "RUN --mount=type=cache,\\\ntarget=/root/.cache/go-build go build .\n")), Id);

    [Theory]
    [InlineData("RUN go build -mod=vendor .")]
    [InlineData("ENV GOFLAGS=-mod=vendor\nRUN go build .")]
    [InlineData("RUN GO111MODULE=off go build .")]
    public void VendoringDoesNotSkip(string tail) => Assert.Single(Analyze(Golang + tail + "\n", Id));

    [Theory]
    [InlineData("FROM golang\n", "/root/.cache/go-build")]
    [InlineData("FROM debian\n", "/root/.cache/go-build")]
    [InlineData("FROM golang\nENV GOCACHE=/gocache\n", "/gocache")]
    [InlineData("FROM golang\nENV XDG_CACHE_HOME=/xdg\n", "/xdg/go-build")]
    [InlineData("FROM golang\nENV XDG_CACHE_HOME=/xdg GOCACHE=/gc\n", "/gc")]
    [InlineData("FROM golang\nENV HOME=/home/me\nUSER me\n", "/home/me/.cache/go-build")]
    [InlineData("FROM golang\nUSER root:root\n", "/root/.cache/go-build")]
    [InlineData("FROM golang\nRUN go env -w GOCACHE=/envw\n", "/envw")]
    [InlineData("FROM golang AS a\nENV GOCACHE=/inherited\nFROM a\n", "/inherited")]
    [InlineData("FROM golang AS a\nUSER 1000\nFROM golang\n", "/root/.cache/go-build")]
    [InlineData("FROM ${build_image}\n", "/root/.cache/go-build")]
    public void EffectivePath(string head, string path) =>
        Assert.Equal(path, FixPath(head + "RUN go build .\n", Id));

    [Fact]
    public void InlineGocache() =>
        Assert.Equal("/inline", FixPath(Golang + "RUN GOCACHE=/inline go build .\n", Id));

    [Theory]
    [InlineData("FROM golang\nUSER 1000\n")]
    [InlineData("FROM golang\nUSER app\n")]
    [InlineData("FROM golang AS a\nUSER 1000\nFROM a\n")]
    [InlineData("FROM mcr.microsoft.com/windows/servercore:ltsc2022\n")]
    public void UnknownPath_FiresWithoutFix(string head) =>
        Assert.Null(FixPath(head + "RUN go build .\n", Id));

    [Fact]
    public void User1000_BothRules()
    {
        var text = "FROM golang\nUSER 1000\nRUN go build .\n";
        Assert.Single(Analyze(text, "DGB010"));
        Assert.Single(Analyze(text, Id));
    }

    [Fact]
    public void UnknownPath_CacheMountThatCouldBeIt() =>
        None("FROM golang\nUSER app\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/home/app/.cache/go-build go build .\n", Id);

    [Theory]
    [InlineData("--mount=type=cache,target=/go/pkg/mod")] // the known module cache
    [InlineData("--mount=type=cache,target=/var/cache/apt")]
    [InlineData("--mount=type=cache,target=/root/.npm")]
    [InlineData("--mount=type=cache,target=/home/app/go/pkg/mod")] // recognisably the module cache
    public void UnknownPath_MountForSomethingElse(string mount) =>
        Findings($"FROM golang\nUSER app\nRUN {mount} [|go build .|]\n", Id);

    [Fact]
    public void XxGoWrapWithCacheRoot_OnlyDgb010()
    {
        var text = Golang + "RUN --mount=type=cache,target=/root/.cache xx-go --wrap && go vet ./...\n";
        None(text, Id);
        Assert.Single(Analyze(text, "DGB010"));
    }

    [Fact]
    public void Fix_AddsMount() =>
        FixGives(Golang + "RUN --mount=type=cache,target=/go/pkg/mod go build .\n", Id,
            Golang + "RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build .\n");

    [Fact]
    public void Fix_Crlf() =>
        FixGives(Crlf(Golang + "RUN --mount=type=cache,target=/go/pkg/mod \\\n    go build .\n"), Id,
            Crlf(Golang + "RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod \\\n    go build .\n"));

    [Fact]
    public void Fix_KeywordSplitByContinuation_InsertsOnTheKeywordsLastLine() =>
        FixGives(Golang + "R\\\nUN go build .\n", Id,
            Golang + "R\\\nUN --mount=type=cache,target=/root/.cache/go-build go build .\n");

    [Fact]
    public void Fix_CommandOnALineAfterALoneCarriageReturn_GetsItsOwnLine() =>
        FixGives(Golang + "RUN \\\r    go build .\n", Id,
            Golang + "RUN \\\r    --mount=type=cache,target=/root/.cache/go-build \\\n    go build .\n");
}
