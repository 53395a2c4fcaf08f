using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerGoBuild.Analyzers.Tasks;
using Xunit;

namespace DockerGoBuild.Analyzers.PackageTests;

/// <summary>Which project analyses which Dockerfile, decided by each project alone from the file system.</summary>
public sealed class OwnershipTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dgb-ownership-" + Guid.NewGuid().ToString("N"));

    public OwnershipTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        foreach (var file in new[]
        {
            "Dockerfile",
            "tools/Dockerfile.ci",
            "src/App/App.csproj",
            "src/App/Dockerfile",
            "src/App/bin/Debug/Dockerfile",
            "src/App/obj/Dockerfile",
            "src/App/web/Dockerfile-web",
            "src/App/Plugin/Plugin.csproj",
            "src/App/Plugin/Dockerfile_plugin",
            "src/Twins/A.csproj",
            "src/Twins/b.csproj",
            "src/Twins/Containerfile",
        })
        {
            var path = Path.Combine(_root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "FROM scratch\n");
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_project_gets_its_folder_tree_without_build_output_or_a_nested_projects_folder()
    {
        Assert.Equal(new[] { "src/App/Dockerfile", "src/App/web/Dockerfile-web" }, Discover("src/App/App.csproj"));
        Assert.Equal(new[] { "src/App/Plugin/Dockerfile_plugin" }, Discover("src/App/Plugin/Plugin.csproj"));
    }

    [Fact]
    public void Of_two_projects_in_one_folder_the_first_by_name_gets_its_Dockerfiles()
    {
        Assert.Equal(new[] { "src/Twins/Containerfile" }, Discover("src/Twins/A.csproj"));
        Assert.Empty(Discover("src/Twins/b.csproj"));
    }

    [Fact]
    public void Dockerfiles_outside_every_project_go_to_the_repository_root_project_only()
    {
        Assert.Equal(new[] { "Dockerfile", "src/App/Dockerfile", "src/App/web/Dockerfile-web", "tools/Dockerfile.ci" }, Discover("src/App/App.csproj", isRoot: true));
        Assert.Equal(new[] { "Dockerfile", "tools/Dockerfile.ci" }, Relative(DockerfileOwnership.For(new DiscoveryRequest(Path.Combine(_root, "src/App/App.csproj"))).ScanSharedZone()));
    }

    [Fact]
    public void DockerfileFile_in_another_projects_folder_is_left_to_that_project()
    {
        Assert.Empty(Discover("src/Twins/b.csproj", dockerfileFile: "../App/Dockerfile"));
        Assert.Equal(new[] { "tools/Dockerfile.ci" }, Discover("src/Twins/b.csproj", dockerfileFile: "../../tools/Dockerfile.ci"));
    }

    [Fact]
    public void The_repository_root_project_leaves_out_what_another_project_names_in_DockerfileFile()
    {
        File.WriteAllText(Path.Combine(_root, "src/Twins/b.csproj"), "<Project><PropertyGroup><DockerfileFile>..\\..\\tools\\Dockerfile.ci</DockerfileFile></PropertyGroup></Project>");
        var request = new DiscoveryRequest(Path.Combine(_root, "src/App/App.csproj"))
        {
            IsRepositoryRootProject = true,
            SolutionProjects = new[] { Path.Combine(_root, "src/App/App.csproj"), Path.Combine(_root, "src/Twins/b.csproj") },
        };

        var owned = DockerfileOwnership.For(request).Discover(request, new List<string>()).Select(file => file.FullPath);

        Assert.Equal(new[] { "Dockerfile", "src/App/Dockerfile", "src/App/web/Dockerfile-web" }, Relative(owned));
    }

    private List<string> Discover(string project, bool isRoot = false, string? dockerfileFile = null)
    {
        var request = new DiscoveryRequest(Path.Combine(_root, project)) { IsRepositoryRootProject = isRoot, DockerfileFile = dockerfileFile };
        return Relative(DockerfileOwnership.For(request).Discover(request, new List<string>()).Select(file => file.FullPath));
    }

    private List<string> Relative(IEnumerable<string> paths) =>
        paths.Select(path => Path.GetRelativePath(_root, path).Replace('\\', '/')).OrderBy(path => path, StringComparer.Ordinal).ToList();
}
