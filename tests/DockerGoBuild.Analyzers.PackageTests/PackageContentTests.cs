using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace DockerGoBuild.Analyzers.PackageTests;

[Collection(PackageCollection.Name)]
public sealed class PackageContentTests
{
    private readonly PackageFixture _package;

    public PackageContentTests(PackageFixture package) => _package = package;

    [Fact]
    public void Package_holds_the_analyzers_tasks_and_build_files_and_nothing_for_the_consumer_output()
    {
        using var archive = ZipFile.OpenRead(_package.PackageFile);
        var entries = archive.Entries.Select(entry => entry.FullName).ToList();

        Assert.DoesNotContain(entries, entry => entry.StartsWith("lib/", System.StringComparison.Ordinal) || entry.StartsWith("ref/", System.StringComparison.Ordinal));
        Assert.Equal(
            new[] { "analyzers/dotnet/cs/DockerGoBuild.Analyzers.CodeFixes.dll", "analyzers/dotnet/cs/DockerGoBuild.Analyzers.dll", "analyzers/dotnet/cs/DockerGoBuild.Dockerfiles.dll" },
            entries.Where(entry => entry.StartsWith("analyzers/", System.StringComparison.Ordinal)).OrderBy(entry => entry, System.StringComparer.Ordinal));
        Assert.Equal(
            new[] { "tasks/netstandard2.0/DockerGoBuild.Analyzers.Tasks.dll", "tasks/netstandard2.0/DockerGoBuild.Dockerfiles.dll" },
            entries.Where(entry => entry.StartsWith("tasks/", System.StringComparison.Ordinal)).OrderBy(entry => entry, System.StringComparer.Ordinal));
        foreach (var folder in new[] { "build", "buildTransitive", "buildMultiTargeting" })
        {
            Assert.Contains($"{folder}/DockerGoBuild.Analyzers.props", entries);
            Assert.Contains($"{folder}/DockerGoBuild.Analyzers.targets", entries);
        }

        foreach (var mode in new[] { "default", "strict", "none" })
        {
            Assert.Contains($"build/config/DockerGoBuild.{mode}.globalconfig", entries);
        }

        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);

        var nuspec = XDocument.Load(archive.Entries.Single(entry => entry.FullName == "DockerGoBuild.Analyzers.nuspec").Open());
        var metadata = nuspec.Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        Assert.Equal(_package.Version, metadata.Elements().Single(element => element.Name.LocalName == "version").Value);
        Assert.Equal("true", metadata.Elements().Single(element => element.Name.LocalName == "developmentDependency").Value);
        Assert.Equal("README.md", metadata.Elements().Single(element => element.Name.LocalName == "readme").Value);
        Assert.DoesNotContain(metadata.Elements(), element => element.Name.LocalName == "dependencies");
    }
}
