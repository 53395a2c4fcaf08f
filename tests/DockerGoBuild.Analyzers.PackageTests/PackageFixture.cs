using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using Xunit;

namespace DockerGoBuild.Analyzers.PackageTests;

/// <summary>
/// Packs DockerGoBuild.Analyzers once for every end-to-end test: with a version no earlier run used, into a feed
/// folder under a temporary root that also holds the consumers' own NuGet packages folder, so that no package
/// cache of the machine is read or written.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        WorkRoot = Path.Combine(Path.GetTempPath(), "dgb-package-tests-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        FeedPath = Path.Combine(WorkRoot, "feed");
        PackagesPath = Path.Combine(WorkRoot, "packages");
        Directory.CreateDirectory(FeedPath);
        Directory.CreateDirectory(PackagesPath);
        Version = $"0.0.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Random.Shared.Next(100000, 999999)}";
        Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesPath };

        // The solution build (or this project's reference) has just built the package project in this test
        // assembly's configuration: pack exactly that, without building again.
        var configuration = typeof(PackageFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var project = Path.Combine(RepositoryRoot, "src", "DockerGoBuild.Analyzers.Package", "DockerGoBuild.Analyzers.Package.csproj");
        var pack = Dotnet.Run(
            RepositoryRoot,
            Environment,
            "pack", project, "--no-build", "-c", configuration, "-o", FeedPath,
            "-p:PackageVersion=" + Version,
            "-p:NuspecOutputPath=" + Path.Combine(WorkRoot, "nuspec") + Path.DirectorySeparatorChar);
        PackageFile = Path.Combine(FeedPath, $"DockerGoBuild.Analyzers.{Version}.nupkg");
        if (pack.ExitCode != 0 || !File.Exists(PackageFile))
        {
            throw new InvalidOperationException("Packing failed: " + pack);
        }
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public string WorkRoot { get; }

    public string FeedPath { get; }

    public string PackagesPath { get; }

    public string Version { get; }

    public string PackageFile { get; }

    /// <summary>The environment of every consumer command: the isolated packages folder.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>A new consumer repository (a folder with .git and a nuget.config listing the feed) under the work root.</summary>
    public ConsumerRepository NewRepository(string name) => new(Path.Combine(WorkRoot, name), this);

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkRoot, recursive: true);
        }
        catch (IOException)
        {
            // A compiler server may still hold a file open; the folder is under the temporary folder anyway.
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DockerGoBuild.Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find DockerGoBuild.Analyzers.sln above " + AppContext.BaseDirectory);
    }
}

/// <summary>The end-to-end tests share one packed package and run one after the other (each runs builds that use both cores).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Package";
}
