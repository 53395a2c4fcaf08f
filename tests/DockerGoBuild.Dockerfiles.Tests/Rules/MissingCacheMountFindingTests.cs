using System.Linq;
using Xunit;
using static DockerGoBuild.Dockerfiles.Tests.Rules.RuleAssert;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

/// <summary>The texts of DGB010, DGB011 and DGB020 findings, which are made once per cache path and command and then shared.</summary>
public class MissingCacheMountFindingTests
{
    [Theory]
    [InlineData("FROM golang:1.23\nRUN go mod download\n", "DGB010", "go mod download")]
    [InlineData("FROM golang:1.23\nRUN xx-go build .\n", "DGB011", "xx-go build")]
    [InlineData("FROM golang:1.23\nRUN xx-go mod tidy\n", "DGB010", "xx-go mod tidy")]
    [InlineData("FROM golang:1.23\nRUN go mod   vendor && go build .\n", "DGB010", "go build")]
    [InlineData("FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet -d --diagnostics restore\n", "DGB020", "dotnet restore")]
    public void MessageNamesTheCommand(string text, string id, string command) =>
        Assert.StartsWith($"'{command}' fills the ", Assert.Single(Analyze(text, id)).Message);

    [Fact]
    public void EachPathKeepsItsOwnTexts()
    {
        // The paths alternate from finding to finding and from file to file, and one path serves several commands.
        const string Text = "FROM golang:1.23\nRUN go build .\nENV GOCACHE=/cache\nRUN go test ./...\nENV GOCACHE=/root/.cache/go-build\nRUN go test ./...\n";
        const string Reversed = "FROM golang:1.23\nENV GOCACHE=/cache\nRUN go build .\nENV GOCACHE=/root/.cache/go-build\nRUN go test ./...\n";
        AssertTexts(Text, ("go build", "/root/.cache/go-build"), ("go test", "/cache"), ("go test", "/root/.cache/go-build"));
        AssertTexts(Reversed, ("go build", "/cache"), ("go test", "/root/.cache/go-build"));
        AssertTexts(Text, ("go build", "/root/.cache/go-build"), ("go test", "/cache"), ("go test", "/root/.cache/go-build"));
    }

    [Fact]
    public void A_message_longer_than_the_thread_s_buffer_is_whole()
    {
        var path = "/cache/" + new string('g', 700);
        var text = $"FROM golang:1.23\nENV GOCACHE={path}\nRUN go build .\n";

        var finding = Assert.Single(Analyze(text, "DGB011"));

        Assert.Equal($"'go build' fills the Go build cache (GOCACHE) at {path} without a cache mount, so every cold build starts from scratch; add '--mount=type=cache,target={path}' to the RUN", finding.Message);
        AssertTexts("FROM golang:1.23\nRUN go build .\n", ("go build", "/root/.cache/go-build"));
    }

    private static void AssertTexts(string text, params (string Command, string Path)[] expected)
    {
        var findings = Analyze(text, "DGB011");
        Assert.Equal(expected.Length, findings.Count);
        foreach (var (finding, (command, path)) in findings.Zip(expected))
        {
            var mount = $"--mount=type=cache,target={path}";
            Assert.Equal($"'{command}' fills the Go build cache (GOCACHE) at {path} without a cache mount, so every cold build starts from scratch; add '{mount}' to the RUN", finding.Message);
            Assert.Equal($"Add '{mount}'", finding.FixTitle);
            Assert.Equal(mount + " ", finding.Fix.Single().NewText);
        }
    }
}
