using System.IO;
using System.Linq;
using Xunit;

namespace DockerGoBuild.Cli.Tests;

public class LintDiscoveryTests
{
    [Fact]
    public void Folder_search_finds_Dockerfile_names_and_skips_tool_folders()
    {
        using var folder = new TempFolder();
        foreach (var path in new[]
        {
            "Dockerfile", "src/app/Dockerfile.dev", "build/ci.Dockerfile", "Containerfile",
            "README.md", "Dockerfile.md", "notes.txt",
            ".git/Dockerfile", "bin/Dockerfile", "obj/Debug/Dockerfile", "node_modules/pkg/Dockerfile",
        })
        {
            folder.Write(path, Dockerfiles.MissingSyntax);
        }

        var result = Tool.Run("lint", folder.Path, "--format", "json");

        Assert.Equal(4, result.OutputJson.GetProperty("files").GetInt32());
        Assert.Equal(
            new[] { "Containerfile", "Dockerfile", "build/ci.Dockerfile", "src/app/Dockerfile.dev" },
            ReportedFiles(result, folder));
    }

    [Fact]
    public void A_file_named_on_the_command_line_is_linted_whatever_its_name()
    {
        using var folder = new TempFolder();
        var path = folder.Write("base-image.txt", Dockerfiles.MissingSyntax);

        var result = Tool.Run("lint", path);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.StartsWith($"{path}(1,1): warning DGB001: ", Assert.Single(result.OutputLines));
    }

    [Fact]
    public void Symbolic_links_to_folders_are_not_followed()
    {
        using var folder = new TempFolder();
        folder.Write("sub/Dockerfile", Dockerfiles.MissingSyntax);
        Directory.CreateSymbolicLink(folder.Combine("sub/loop"), folder.Path);

        var result = Tool.Run("lint", folder.Path, "--format", "json");

        Assert.Equal(new[] { "sub/Dockerfile" }, ReportedFiles(result, folder));
    }

    [Fact]
    public void A_file_reached_twice_is_linted_once()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", Dockerfiles.MissingSyntax);

        var result = Tool.Run("lint", folder.Path, path, "--format", "json");

        Assert.Equal(1, result.OutputJson.GetProperty("files").GetInt32());
    }

    [Fact]
    public void Output_is_sorted_by_path_then_position()
    {
        using var folder = new TempFolder();
        folder.Write("b/Dockerfile", Dockerfiles.MissingSyntax);
        folder.Write("a/Dockerfile", "FROM scratch\nFROOM x\n");

        var result = Tool.Run("lint", folder.Path, "--format", "json");

        var positions = result.OutputJson.GetProperty("diagnostics").EnumerateArray()
            .Select(diagnostic => (Path.GetRelativePath(folder.Path, diagnostic.GetProperty("file").GetString()!), diagnostic.GetProperty("line").GetInt32()))
            .ToArray();
        Assert.Equal(new[] { ("a/Dockerfile", 1), ("a/Dockerfile", 2), ("b/Dockerfile", 1) }, positions);
    }

    private static string[] ReportedFiles(ToolResult result, TempFolder folder) =>
        result.OutputJson.GetProperty("diagnostics").EnumerateArray()
            .Select(diagnostic => Path.GetRelativePath(folder.Path, diagnostic.GetProperty("file").GetString()!).Replace('\\', '/'))
            .Distinct()
            .ToArray();
}
