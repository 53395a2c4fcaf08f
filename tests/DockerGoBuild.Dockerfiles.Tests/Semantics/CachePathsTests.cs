using System;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Semantics;

public class CachePathsTests
{
    [Theory]
    [InlineData("FROM golang:1.23\n", nameof(CacheKind.GoModules), "/go/pkg/mod")]
    [InlineData("FROM golang:1.23\n", nameof(CacheKind.GoBuild), "/root/.cache/go-build")]
    [InlineData("FROM golang:1.23\n", nameof(CacheKind.NuGetPackages), "/root/.nuget/packages")]
    [InlineData("FROM alpine\n", nameof(CacheKind.GoModules), "/root/go/pkg/mod")]
    [InlineData("FROM alpine\nENV HOME=/home/me/\n", nameof(CacheKind.GoModules), "/home/me/go/pkg/mod")]
    [InlineData("FROM alpine\nENV HOME=/home/me/\n", nameof(CacheKind.GoBuild), "/home/me/.cache/go-build")]
    [InlineData("FROM alpine\nENV HOME=/home/./me//\n", nameof(CacheKind.NuGetPackages), "/home/me/.nuget/packages")]
    [InlineData("FROM alpine\nENV XDG_CACHE_HOME=/root/.cache/\n", nameof(CacheKind.GoBuild), "/root/.cache/go-build")]
    [InlineData("FROM alpine\nENV XDG_CACHE_HOME=/x/../cache\n", nameof(CacheKind.GoBuild), "/cache/go-build")]
    [InlineData("FROM alpine\nWORKDIR /app\nENV XDG_CACHE_HOME=cache\n", nameof(CacheKind.GoBuild), "/app/cache/go-build")]
    [InlineData("FROM alpine\nWORKDIR /app\nENV GOMODCACHE=mods\n", nameof(CacheKind.GoModules), "/app/mods")]
    [InlineData("FROM alpine\nENV GOPATH=/go:/other\n", nameof(CacheKind.GoModules), "/go/pkg/mod")]
    [InlineData("FROM alpine\nUSER nobody\n", nameof(CacheKind.GoBuild), null)]
    [InlineData("FROM mcr.microsoft.com/windows/servercore:ltsc2022\n", nameof(CacheKind.GoModules), null)]
    [InlineData("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV GOPATH=/go\n", nameof(CacheKind.GoModules), "/go/pkg/mod")]
    [InlineData("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV GOMODCACHE=C:\\\\mods\\\\\n", nameof(CacheKind.GoModules), "C:/mods")]
    public void Cache_paths_are_joined_and_normalised_as_the_tools_do(string text, string kind, string? expected)
    {
        // The RUN sees the state the instructions before it made.
        var model = BuildModel.Create(DockerfileParser.Parse(text + "RUN true\n"), default);
        try
        {
            var state = model.Instructions[model.Instructions.Count - 1].State;
            Assert.Equal(expected, CachePaths.For(Enum.Parse<CacheKind>(kind), state, null));
        }
        finally
        {
            model.Release();
        }
    }
}
