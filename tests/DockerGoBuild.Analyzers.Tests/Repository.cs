using System;
using System.IO;

namespace DockerGoBuild.Analyzers.Tests;

/// <summary>Files of the repository the tests run from (found by walking up to the solution file).</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string PathOf(params string[] segments) => Path.Combine(Root, Path.Combine(segments));

    private static string FindRoot()
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
