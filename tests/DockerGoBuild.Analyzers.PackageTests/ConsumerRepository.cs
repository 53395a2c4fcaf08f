using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace DockerGoBuild.Analyzers.PackageTests;

/// <summary>A temporary repository that consumes the packed package: files, projects, a solution, and builds.</summary>
public sealed class ConsumerRepository
{
    private readonly PackageFixture _package;

    public ConsumerRepository(string root, PackageFixture package)
    {
        Root = root;
        _package = package;
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        // The temporary feed plus the sources of the machine's own NuGet configuration (not cleared), which the
        // consumers need for anything the SDK does not carry.
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="dockergobuild-test-feed" value="{package.FeedPath}" />
              </packageSources>
            </configuration>
            """);
    }

    public string Root { get; }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public string Write(string relativePath, string text) => WriteBytes(relativePath, new UTF8Encoding(false).GetBytes(text));

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>
    /// Writes a class library referencing the package, with a SARIF 2.1 log per target framework under its sarif/
    /// folder; <paramref name="properties"/> and <paramref name="items"/> are added as written.
    /// </summary>
    public string Project(string relativeDirectory, string name, string properties = "", string items = "", string targetFrameworks = "net10.0")
    {
        var frameworks = targetFrameworks.Contains(';', StringComparison.Ordinal)
            ? $"<TargetFrameworks>{targetFrameworks}</TargetFrameworks>"
            : $"<TargetFramework>{targetFrameworks}</TargetFramework>";
        var relativePath = Path.Combine(relativeDirectory, name + ".csproj");
        Write(relativePath, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                {frameworks}
                <ErrorLog>$(MSBuildProjectDirectory)/sarif/$(TargetFramework).sarif,version=2.1</ErrorLog>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="DockerGoBuild.Analyzers" Version="{_package.Version}" PrivateAssets="all" />
                {items}
              </ItemGroup>
            </Project>
            """);
        Write(Path.Combine(relativeDirectory, "Class1.cs"), $"namespace {name} {{ public static class Class1 {{ }} }}\n");
        // The compiler writes the log but does not create its folder.
        Directory.CreateDirectory(PathOf(Path.Combine(relativeDirectory, "sarif")));
        return relativePath;
    }

    /// <summary>A Visual Studio solution file listing the projects (paths relative to the repository root).</summary>
    public string Solution(string relativePath, params string[] projects)
    {
        var solutionDirectory = Path.GetDirectoryName(PathOf(relativePath))!;
        var entries = projects.Select(project => (Path: Path.GetRelativePath(solutionDirectory, PathOf(project)).Replace('/', '\\'), Guid: Guid.NewGuid().ToString("B").ToUpperInvariant())).ToList();
        var text = new StringBuilder();
        text.Append("\nMicrosoft Visual Studio Solution File, Format Version 12.00\n# Visual Studio Version 17\n");
        foreach (var entry in entries)
        {
            text.Append($"Project(\"{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}\") = \"{Path.GetFileNameWithoutExtension(entry.Path)}\", \"{entry.Path}\", \"{entry.Guid}\"\nEndProject\n");
        }

        text.Append("Global\n\tGlobalSection(SolutionConfigurationPlatforms) = preSolution\n\t\tDebug|Any CPU = Debug|Any CPU\n\tEndGlobalSection\n");
        text.Append("\tGlobalSection(ProjectConfigurationPlatforms) = postSolution\n");
        foreach (var entry in entries)
        {
            text.Append($"\t\t{entry.Guid}.Debug|Any CPU.ActiveCfg = Debug|Any CPU\n\t\t{entry.Guid}.Debug|Any CPU.Build.0 = Debug|Any CPU\n");
        }

        text.Append("\tEndGlobalSection\nEndGlobal\n");
        return Write(relativePath, text.ToString());
    }

    /// <summary>
    /// dotnet build of <paramref name="target"/> (relative path) with --no-incremental, so that the compiler runs
    /// and writes its SARIF logs every time; the logs of earlier builds are deleted first.
    /// </summary>
    public DotnetResult Build(string target, params string[] arguments)
    {
        foreach (var log in Directory.EnumerateFiles(Root, "*.sarif", SearchOption.AllDirectories))
        {
            File.Delete(log);
        }

        return Dotnet.Run(Root, _package.Environment, new[] { "build", PathOf(target), "--no-incremental", "-tl:off", "-nodeReuse:false" }.Concat(arguments).ToArray());
    }

    public DotnetResult MSBuild(string target, params string[] arguments) =>
        Dotnet.Run(Root, _package.Environment, new[] { "msbuild", PathOf(target), "-tl:off", "-nodeReuse:false" }.Concat(arguments).ToArray());

    /// <summary>The DGB results of every SARIF log the last build wrote.</summary>
    public List<SarifResult> Results() => Sarif.ReadAll(Root);

    /// <summary>Each result as "path(line,col): RULE", sorted, duplicates kept (so that a test sees them).</summary>
    public List<string> Describe(IEnumerable<SarifResult> results) => results.Select(result => result.Describe(Root)).OrderBy(text => text, StringComparer.Ordinal).ToList();
}
