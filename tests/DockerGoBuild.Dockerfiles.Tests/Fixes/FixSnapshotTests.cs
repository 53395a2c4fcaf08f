using System.Text;
using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;
using DockerGoBuild.Dockerfiles.Fixes;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Fixes;

/// <summary>
/// Before/after snapshots of every fix (the <c>.approved.txt</c> files beside this one, reviewed by eye).
/// Line breaks and the byte-order mark are drawn visibly so a snapshot shows that they survive the fix.
/// </summary>
[UseReporter(typeof(QuietReporter))]
public class FixSnapshotTests
{
    private const string Directive = "# syntax=docker/dockerfile:1\n";

    public static TheoryData<string> Cases => new(SnapshotCases.All.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fix(string name)
    {
        var before = SnapshotCases.All[name];
        var result = DockerfileFixer.Fix(before);
        var again = DockerfileFixer.Fix(result.Text);

        Assert.False(again.Changed, "a second fix changed the text");
        using (ApprovalResults.ForScenario(name))
        {
            Approvals.Verify(Render(before, result));
        }
    }

    private static string Render(string before, FixResult result)
    {
        var builder = new StringBuilder();
        builder.Append("=== before ===\n").Append(Visible(before));
        builder.Append("=== after ===\n").Append(Visible(result.Text));
        builder.Append("=== applied ===\n");
        foreach (var finding in result.Applied)
        {
            builder.Append($"line {finding.InstructionLine + 1}: {finding.Id} {finding.FixTitle}");
            builder.Append(finding.BuildFlag is null ? "\n" : $" (build with '{finding.BuildFlag}')\n");
        }

        builder.Append("=== still reported ===\n");
        foreach (var finding in result.Findings)
        {
            builder.Append($"line {finding.InstructionLine + 1}: {finding.Id}{(finding.IsFixable ? " (fixable)" : string.Empty)}\n");
        }

        return builder.ToString();
    }

    /// <summary>CR is drawn as ␍ and a byte-order mark as ⟨BOM⟩; a missing final line break is marked too.</summary>
    private static string Visible(string text)
    {
        var visible = text.Replace("\uFEFF", "⟨BOM⟩").Replace("\r\n", "␍\n").Replace("\r", "␍\n");
        return visible.EndsWith('\n') ? visible : visible + "⟨no final line break⟩\n";
    }

    /// <summary>The inputs, by snapshot name.</summary>
    private static class SnapshotCases
    {
        public static readonly System.Collections.Generic.Dictionary<string, string> All = new()
        {
            ["DGB001_Directive"] = "FROM alpine:3.20\nRUN apk add --no-cache git\n",
            ["DGB001_AfterShebangAndComments"] = "#!/usr/bin/env -S docker build -f\n# Build the API image\nFROM alpine:3.20\n",
            ["DGB002_DuplicateDirective"] = Directive + "# syntax=docker/dockerfile:1.7\nFROM alpine:3.20\n",
            ["DGB002_MisplacedSyntaxMovedToTop"] = "# Build the API image\n# syntax=docker/dockerfile:1.7\nFROM alpine:3.20\n",
            ["DGB002_MisspeltKey"] = "# sytnax=docker/dockerfile:1\nFROM alpine:3.20\n",
            ["DGB002_IndentedSyntax"] = "  # syntax=docker/dockerfile:1\nFROM alpine:3.20\n",
            ["DGB002_MisplacedEscapeIsNotMoved"] = Directive + "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n# escape=`\nRUN dir\n",
            ["DGB010_GoModDownload"] = Directive + "FROM golang:1.23 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\n",
            ["DGB011_GoBuildWithModCache"] = Directive + "FROM golang:1.23\nRUN --mount=type=cache,target=/go/pkg/mod go build -o /app .\n",
            ["DGB012_WrongTarget"] = Directive + "FROM golang:1.23\nRUN --mount=type=cache,target=/root/go/pkg/mod go mod download\n",
            ["DGB020_DotnetRestore"] = Directive + "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nWORKDIR /src\nCOPY *.csproj ./\nRUN dotnet restore\n",
            ["DGB030_NpmrcCopied"] = Directive + "FROM node:20\nWORKDIR /app\nCOPY .npmrc package*.json ./\nRUN npm ci\n",
            ["DGB030_SshKeyCopied"] = Directive + "FROM golang:1.23\nCOPY id_rsa /root/.ssh/id_rsa\nRUN --mount=type=cache,target=/go/pkg/mod git clone git@github.com:acme/tools.git\n",
            ["DGB031_SecretArg"] = "FROM node:20\nARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci\nRUN echo done\n",
            ["DGB032_SshKeyAsSecret"] = Directive + "FROM alpine:3.20\nRUN --mount=type=secret,id=ssh_key,target=/root/.ssh/id_ed25519 git clone git@github.com:acme/tools.git\n",
            ["Crlf"] = "FROM golang:1.23\r\nRUN go build ./...\r\n",
            ["Bom"] = "\uFEFFFROM golang:1.23\nRUN go build ./...\n",
            ["BacktickEscape"] = "# escape=`\nFROM golang:1.23\nRUN go mod download && `\n    go build ./...\n",
            ["MultiLineRun"] = Directive + "FROM golang:1.23\nRUN \\\n    --mount=type=bind,target=. \\\n    go build ./... \\\n && go test ./...\n",
            ["HeredocRun"] = Directive + "FROM golang:1.23\nRUN <<EOF\nset -e\ngo mod download\ngo build ./...\nEOF\n",
            ["ExecFormRun"] = Directive + "FROM golang:1.23\nRUN [\"go\", \"build\", \"-o\", \"/app\", \".\"]\n",
            ["OnbuildRun"] = Directive + "FROM golang:1.23\nONBUILD RUN go build ./...\n",
            ["SeveralFixesOnOneRun"] = "FROM golang:1.23\nARG GITHUB_TOKEN\nRUN git config --global url.\"https://${GITHUB_TOKEN}@github.com/\".insteadOf \"https://github.com/\" && go build ./...\n",
            ["MultiStageDotnetAndGo"] = "FROM golang:1.23 AS sidecar\nRUN go build -o /sidecar ./cmd/sidecar\n\nFROM mcr.microsoft.com/dotnet/sdk:8.0 AS api\nRUN dotnet publish -c Release -o /out\n\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY --from=api /out /app\n",
            ["NoFinalLineBreak"] = "FROM golang:1.23\nRUN go build .",
            ["CommentsAndBlankLinesKept"] = "# build stage\n\nFROM golang:1.23\n  # compile\nRUN go build . # trailing words are arguments\n\n# done\n",
        };
    }
}
