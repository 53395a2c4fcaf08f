using DockerGoBuild.Dockerfiles;
namespace DockerGoBuild.Cli.Lint;

/// <summary>A file to lint: the path to show in reports, the full path to read, and whether a folder search found it (rather than the user naming it).</summary>
internal sealed record DockerfileInput(string DisplayPath, string FullPath, bool FoundBySearch);

/// <summary>Turns the lint command's PATH operands into the files to lint.</summary>
internal static class DockerfileDiscovery
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        ".git", "bin", "obj", "node_modules",
    };

    /// <summary>
    /// A folder operand is searched recursively for Dockerfile names; any other operand is taken as a file
    /// whatever its name (a missing one then fails to read and is reported like any unreadable file).
    /// The result is sorted by display path, each file once.
    /// </summary>
    public static IReadOnlyList<DockerfileInput> Find(IEnumerable<string> operands, Action<string, string> reportError) =>
        Find(operands, reportError, static folder => folder.EnumerateFileSystemInfos());

    /// <param name="listFolder">Lists a folder's entries (tests make it fail as a folder without permission would).</param>
    internal static IReadOnlyList<DockerfileInput> Find(IEnumerable<string> operands, Action<string, string> reportError, Func<DirectoryInfo, IEnumerable<FileSystemInfo>> listFolder)
    {
        var inputs = new List<DockerfileInput>();
        foreach (var operand in operands)
        {
            if (Directory.Exists(operand))
            {
                SearchFolder(new DirectoryInfo(operand), operand, inputs, reportError, listFolder);
            }
            else
            {
                inputs.Add(new DockerfileInput(operand, Path.GetFullPath(operand), FoundBySearch: false));
            }
        }

        return inputs
            .DistinctBy(input => input.FullPath)
            .OrderBy(input => input.DisplayPath, StringComparer.Ordinal)
            .ToList();
    }

    private static void SearchFolder(DirectoryInfo folder, string displayPath, List<DockerfileInput> inputs, Action<string, string> reportError, Func<DirectoryInfo, IEnumerable<FileSystemInfo>> listFolder)
    {
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = listFolder(folder).ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            reportError(displayPath, exception is UnauthorizedAccessException ? "permission denied: the folder cannot be searched" : exception.Message);
            return;
        }

        foreach (var entry in entries)
        {
            // "." stands for the current folder: show the files found there by their relative paths.
            var entryDisplayPath = displayPath == "." ? entry.Name : Path.Join(displayPath, entry.Name);
            if (entry is DirectoryInfo subfolder)
            {
                // Symbolic links to folders are not followed, so a link to an ancestor cannot loop the search.
                if (subfolder.LinkTarget is null && !SkippedFolders.Contains(subfolder.Name))
                {
                    SearchFolder(subfolder, entryDisplayPath, inputs, reportError, listFolder);
                }
            }
            else if (DockerfileNames.IsDockerfileName(entry.Name))
            {
                inputs.Add(new DockerfileInput(entryDisplayPath, entry.FullName, FoundBySearch: true));
            }
        }
    }
}
