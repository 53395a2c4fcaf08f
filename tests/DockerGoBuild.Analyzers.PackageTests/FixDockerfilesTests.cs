using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace DockerGoBuild.Analyzers.PackageTests;

[Collection(PackageCollection.Name)]
public sealed class FixDockerfilesTests
{
    private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

    private readonly PackageFixture _package;

    public FixDockerfilesTests(PackageFixture package) => _package = package;

    [Fact]
    public void FixDockerfiles_checks_then_rewrites_the_projects_Dockerfiles_and_the_next_build_has_no_fixable_warning()
    {
        var repository = _package.NewRepository("fix");
        var project = repository.Project("src/Tool", "Tool", properties: "<DockerfileFile>../../docker/tool.Dockerfile</DockerfileFile>");
        var goDockerfile = repository.Write("src/Tool/Dockerfile", "FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/tool .\n");
        // Outside the project, with a byte-order mark and CRLF line ends, which the rewrite must keep.
        var dotnetDockerfile = repository.WriteBytes(
            "docker/tool.Dockerfile",
            Utf8Bom.Concat(Encoding.UTF8.GetBytes("FROM mcr.microsoft.com/dotnet/sdk:10.0\r\nWORKDIR /src\r\nRUN dotnet restore\r\n")).ToArray());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(goDockerfile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var before = repository.Build(project);
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains(repository.Results(), result => result.Fixable);
        var goBytes = File.ReadAllBytes(goDockerfile);
        var dotnetBytes = File.ReadAllBytes(dotnetDockerfile);

        // The dry run fails, names each file with pending fixes, and writes nothing.
        var check = repository.MSBuild(project, "-t:FixDockerfiles", "-p:DockerGoBuildFixCheck=true");
        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains(goDockerfile + "(1): error : DockerGoBuild: fixes pending (DGB001, DGB010, DGB011)", check.Output);
        Assert.Contains(dotnetDockerfile + "(1): error : DockerGoBuild: fixes pending (DGB001, DGB020)", check.Output);
        Assert.Equal(goBytes, File.ReadAllBytes(goDockerfile));
        Assert.Equal(dotnetBytes, File.ReadAllBytes(dotnetDockerfile));

        var fix = repository.MSBuild(project, "-t:FixDockerfiles");
        Assert.True(fix.ExitCode == 0, fix.ToString());
        var goText = File.ReadAllText(goDockerfile);
        Assert.StartsWith("# syntax=docker/dockerfile:1\n", goText, StringComparison.Ordinal);
        Assert.Contains("--mount=type=cache,target=/go/pkg/mod", goText, StringComparison.Ordinal);
        Assert.Contains("--mount=type=cache,target=/root/.cache/go-build", goText, StringComparison.Ordinal);
        var fixedDotnet = File.ReadAllBytes(dotnetDockerfile);
        Assert.Equal(Utf8Bom, fixedDotnet.Take(3));
        var dotnetText = Encoding.UTF8.GetString(fixedDotnet, 3, fixedDotnet.Length - 3);
        Assert.Contains("--mount=type=cache,id=nuget,target=/root/.nuget/packages", dotnetText, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", dotnetText.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(goDockerfile).HasFlag(UnixFileMode.UserExecute), "the rewrite kept the file's permissions");
        }

        var after = repository.Build(project, "--no-restore");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.DoesNotContain(repository.Results(), result => result.Fixable);
        Assert.DoesNotContain("warning DGB0", after.Output);

        // Nothing left to fix: the dry run passes now.
        var recheck = repository.MSBuild(project, "-t:FixDockerfiles", "-p:DockerGoBuildFixCheck=true");
        Assert.True(recheck.ExitCode == 0, recheck.ToString());
    }
}
