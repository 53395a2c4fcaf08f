using System.IO;
using System.Linq;
using Xunit;

namespace DockerGoBuild.Cli.Tests;

/// <summary>Tests that change the process's current folder, and so must not run beside the others.</summary>
[CollectionDefinition(nameof(CurrentFolderCollection), DisableParallelization = true)]
public sealed class CurrentFolderCollection
{
}

[Collection(nameof(CurrentFolderCollection))]
public class LintCurrentFolderTests
{
    [Fact]
    public void Without_a_path_the_current_folder_is_searched_and_paths_are_relative()
    {
        using var folder = new TempFolder();
        folder.Write("src/my app/Dockerfile", Dockerfiles.MissingSyntax);
        var previous = Directory.GetCurrentDirectory();
        ToolResult text, sarif;
        try
        {
            Directory.SetCurrentDirectory(folder.Path);
            text = Tool.Run("lint");
            sarif = Tool.Run("lint", "--format", "sarif");
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }

        Assert.StartsWith(Path.Join("src", "my app", "Dockerfile") + "(1,1): warning DGB001: ", Assert.Single(text.OutputLines));
        var result = Assert.Single(sarif.OutputJson.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        var uri = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString();
        Assert.Equal("src/my%20app/Dockerfile", uri);
    }
}
