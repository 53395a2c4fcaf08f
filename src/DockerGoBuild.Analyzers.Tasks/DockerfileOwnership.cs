using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerGoBuild.Dockerfiles;

namespace DockerGoBuild.Analyzers.Tasks;

/// <summary>Why a project analyses a Dockerfile; written to the item's <c>DockerGoBuildSource</c> metadata.</summary>
internal static class DockerfileSource
{
    public const string ProjectFolder = "ProjectFolder";
    public const string DockerfileFile = "DockerfileFile";
    public const string Compose = "Compose";
    public const string RepositoryRoot = "RepositoryRoot";
}

/// <summary>A Dockerfile one project analyses, and why.</summary>
internal sealed class OwnedDockerfile
{
    public OwnedDockerfile(string fullPath, string source)
    {
        FullPath = fullPath;
        Source = source;
    }

    public string FullPath { get; }

    public string Source { get; }
}

/// <summary>What one project is asked to discover.</summary>
internal sealed class DiscoveryRequest
{
    public DiscoveryRequest(string projectFullPath) => ProjectFullPath = projectFullPath;

    public string ProjectFullPath { get; }

    /// <summary>The folder of the solution being built, when there is one (MSBuild's SolutionDir).</summary>
    public string? SolutionDirectory { get; set; }

    /// <summary>Overrides the repository root found by looking for <c>.git</c> above the project.</summary>
    public string? RepositoryRoot { get; set; }

    /// <summary>True for the one project that analyses the Dockerfiles outside every project folder.</summary>
    public bool IsRepositoryRootProject { get; set; }

    /// <summary>The project's <c>DockerfileFile</c> property (Visual Studio container tools), relative to the project folder.</summary>
    public string? DockerfileFile { get; set; }

    /// <summary>The full paths of the solution's projects, when built through a solution.</summary>
    public IReadOnlyList<string> SolutionProjects { get; set; } = Array.Empty<string>();
}

/// <summary>
/// Decides which project analyses which Dockerfile, from the file system alone, so that each project of a solution
/// decides on its own (builds run in parallel and do not talk to each other) and yet every Dockerfile is analysed
/// by exactly one project:
/// <list type="bullet">
/// <item>A Dockerfile inside a project's folder tree belongs to the nearest folder holding a project file (with
/// several project files in that folder, to the first by name). Subfolders holding another project are that
/// project's.</item>
/// <item>A Dockerfile outside every project folder (the repository root, a Go service's folder) belongs to the one
/// project that declares itself the repository-root project, whether it was found by name or through a compose
/// file.</item>
/// <item>A project's <c>DockerfileFile</c> belongs to that project unless it lies in another project's folder.</item>
/// </list>
/// </summary>
internal sealed class DockerfileOwnership
{
    private static readonly string[] ProjectFileExtensions = { ".csproj", ".vbproj", ".fsproj" };

    // Build output, package folders and version control: never a project's own Dockerfiles.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules", ".git" };

    private static readonly StringComparer PathComparer =
        Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private readonly Dictionary<string, string?> _projectFileOfFolder = new(PathComparer);

    private DockerfileOwnership(string projectDirectory, string projectFileName, string? repositoryRoot)
    {
        ProjectDirectory = projectDirectory;
        ProjectFileName = projectFileName;
        RepositoryRoot = repositoryRoot;
    }

    public string ProjectDirectory { get; }

    public string ProjectFileName { get; }

    /// <summary>The repository root (the folder holding <c>.git</c>), or null outside a repository.</summary>
    public string? RepositoryRoot { get; }

    public static DockerfileOwnership For(DiscoveryRequest request)
    {
        var projectFullPath = Path.GetFullPath(request.ProjectFullPath);
        var projectDirectory = TrimSeparator(Path.GetDirectoryName(projectFullPath)!);
        var repositoryRoot = string.IsNullOrWhiteSpace(request.RepositoryRoot)
            ? FindRepositoryRoot(projectDirectory)
            : TrimSeparator(Path.GetFullPath(Path.Combine(projectDirectory, request.RepositoryRoot)));
        return new DockerfileOwnership(projectDirectory, Path.GetFileName(projectFullPath), repositoryRoot);
    }

    /// <summary>The nearest folder at or above <paramref name="directory"/> holding a <c>.git</c> folder or file (a worktree or submodule).</summary>
    public static string? FindRepositoryRoot(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var git = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return TrimSeparator(current.FullName);
            }
        }

        return null;
    }

    /// <summary>The Dockerfiles this project analyses, each once, in path order; <paramref name="unclaimed"/> gets the
    /// compose-named Dockerfiles outside every project folder when this project is not the repository-root project.</summary>
    public List<OwnedDockerfile> Discover(DiscoveryRequest request, List<string> unclaimed)
    {
        var owned = new Dictionary<string, OwnedDockerfile>(PathComparer);
        void Add(string path, string source)
        {
            if (!owned.ContainsKey(path))
            {
                owned.Add(path, new OwnedDockerfile(path, source));
            }
        }

        if (OwnsOwnFolder())
        {
            foreach (var path in ScanProjectZone(ProjectDirectory))
            {
                Add(path, DockerfileSource.ProjectFolder);
            }
        }

        if (!string.IsNullOrWhiteSpace(request.DockerfileFile))
        {
            var path = FullPathOrNull(ProjectDirectory, request.DockerfileFile!);
            if (path is not null && File.Exists(path) && !BelongsToAnotherProject(path))
            {
                Add(path, DockerfileSource.DockerfileFile);
            }
        }

        foreach (var path in ComposeDockerfiles(request))
        {
            var ownerFolder = ProjectFolderOf(path);
            if (ownerFolder is null)
            {
                if (request.IsRepositoryRootProject)
                {
                    Add(path, DockerfileSource.Compose);
                }
                else
                {
                    unclaimed.Add(path);
                }
            }
            else if (IsThisProject(ownerFolder))
            {
                Add(path, DockerfileSource.Compose);
            }
        }

        if (request.IsRepositoryRootProject && RepositoryRoot is not null)
        {
            foreach (var path in ScanSharedZone())
            {
                Add(path, DockerfileSource.RepositoryRoot);
            }
        }

        if (request.IsRepositoryRootProject)
        {
            // A Dockerfile outside every project folder that another project names in its DockerfileFile is that
            // project's: leave it to it, so that it is reported once.
            foreach (var path in DockerfileFilesOfOtherProjects(request))
            {
                if (owned.TryGetValue(path, out var file) && file.Source != DockerfileSource.DockerfileFile)
                {
                    owned.Remove(path);
                }
            }
        }

        return owned.Values.OrderBy(file => file.FullPath, StringComparer.Ordinal).ToList();
    }

    private static readonly System.Text.RegularExpressions.Regex DockerfileFileProperty =
        new(@"<DockerfileFile(?:\s[^>]*)?>\s*([^<]+?)\s*</DockerfileFile>", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// The DockerfileFile values written literally in the other project files of the solution (the form Visual
    /// Studio writes). Builds of different projects cannot ask each other, so the repository-root project reads them;
    /// a value computed from properties is not followed.
    /// </summary>
    internal IEnumerable<string> DockerfileFilesOfOtherProjects(DiscoveryRequest request)
    {
        var thisProject = Path.GetFullPath(request.ProjectFullPath);
        foreach (var project in request.SolutionProjects)
        {
            if (PathComparer.Equals(project, thisProject))
            {
                continue;
            }

            string text;
            try
            {
                text = File.ReadAllText(project);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (System.Text.RegularExpressions.Match match in DockerfileFileProperty.Matches(text))
            {
                var value = match.Groups[1].Value;
                if (value.IndexOf("$(", StringComparison.Ordinal) >= 0)
                {
                    continue;
                }

                // Visual Studio writes Windows separators; read them as separators everywhere.
                var path = FullPathOrNull(Path.GetDirectoryName(project)!, value.Replace('\\', Path.DirectorySeparatorChar));
                if (path is not null)
                {
                    yield return path;
                }
            }
        }
    }

    /// <summary>
    /// The Dockerfiles of the repository outside every project folder, found by name. Only one project of a build
    /// scans for these: the repository-root project, or the project that tells the others how to opt in.
    /// </summary>
    public List<string> ScanSharedZone()
    {
        var found = new List<string>();
        if (RepositoryRoot is not null)
        {
            Scan(new DirectoryInfo(RepositoryRoot), found, stopAtProjects: true);
        }

        return found;
    }

    /// <summary>The folder of the solution: MSBuild's SolutionDir, else the nearest folder above the project
    /// (up to the repository root) that holds a .sln or .slnx, so that building one project alone sees the same files.</summary>
    public string? SolutionFolder(DiscoveryRequest request)
    {
        if (!string.IsNullOrWhiteSpace(request.SolutionDirectory) && request.SolutionDirectory != "*Undefined*"
            && Directory.Exists(request.SolutionDirectory))
        {
            return TrimSeparator(Path.GetFullPath(request.SolutionDirectory));
        }

        for (var current = new DirectoryInfo(ProjectDirectory); current is not null; current = current.Parent)
        {
            if (SafeFiles(current).Any(file => file.Name.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || file.Name.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)))
            {
                return TrimSeparator(current.FullName);
            }

            if (RepositoryRoot is not null && PathComparer.Equals(TrimSeparator(current.FullName), RepositoryRoot))
            {
                break;
            }
        }

        return RepositoryRoot;
    }

    private IEnumerable<string> ComposeDockerfiles(DiscoveryRequest request)
    {
        var folder = SolutionFolder(request);
        if (folder is null)
        {
            yield break;
        }

        foreach (var composeFile in SafeFiles(new DirectoryInfo(folder)).Where(file => ComposeFile.IsComposeFileName(file.Name)).OrderBy(file => file.Name, StringComparer.Ordinal))
        {
            string text;
            try
            {
                text = File.ReadAllText(composeFile.FullName);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var path in ComposeFile.DockerfilePaths(text, folder))
            {
                if (File.Exists(path))
                {
                    yield return path;
                }
            }
        }
    }

    private bool OwnsOwnFolder() => string.Equals(ProjectFileOf(ProjectDirectory), ProjectFileName, StringComparison.Ordinal);

    private bool IsThisProject(string ownerFolder) => PathComparer.Equals(ownerFolder, ProjectDirectory) && OwnsOwnFolder();

    private bool BelongsToAnotherProject(string path)
    {
        var ownerFolder = ProjectFolderOf(path);
        return ownerFolder is not null && !IsThisProject(ownerFolder);
    }

    /// <summary>The nearest folder at or above the file's folder that holds a project file, not looking above the
    /// repository root; null when the file is outside every project folder.</summary>
    private string? ProjectFolderOf(string path)
    {
        for (var current = new DirectoryInfo(Path.GetDirectoryName(path)!); current is not null; current = current.Parent)
        {
            var folder = TrimSeparator(current.FullName);
            if (ProjectFileOf(folder) is not null)
            {
                return folder;
            }

            if (RepositoryRoot is not null && PathComparer.Equals(folder, RepositoryRoot))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The first project file (by name) in the folder, or null; the project that owns the folder.</summary>
    private string? ProjectFileOf(string folder)
    {
        if (!_projectFileOfFolder.TryGetValue(folder, out var projectFile))
        {
            projectFile = FirstProjectFile(SafeFiles(new DirectoryInfo(folder)));
            _projectFileOfFolder[folder] = projectFile;
        }

        return projectFile;
    }

    private static string? FirstProjectFile(FileInfo[] files) =>
        files
            .Select(file => file.Name)
            .Where(name => ProjectFileExtensions.Any(extension => name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(name => name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(name => name, StringComparer.Ordinal)
            .FirstOrDefault();

    private List<string> ScanProjectZone(string projectDirectory)
    {
        var found = new List<string>();
        Scan(new DirectoryInfo(projectDirectory), found, stopAtProjects: false);
        return found;
    }

    /// <summary>
    /// Collects Dockerfile names under <paramref name="folder"/>, skipping build output, package folders, version
    /// control, symbolic links to folders (which could loop) and subfolders that hold a project of their own. With
    /// <paramref name="stopAtProjects"/>, <paramref name="folder"/> itself is skipped too when it holds a project.
    /// </summary>
    private void Scan(DirectoryInfo folder, List<string> found, bool stopAtProjects)
    {
        var files = SafeFiles(folder);
        var projectFile = FirstProjectFile(files);
        _projectFileOfFolder[TrimSeparator(folder.FullName)] = projectFile;
        if (stopAtProjects && projectFile is not null)
        {
            return;
        }

        foreach (var file in files)
        {
            if (DockerfileNames.IsDockerfileName(file.Name))
            {
                found.Add(file.FullName);
            }
        }

        foreach (var subfolder in SafeFolders(folder))
        {
            if (SkippedFolders.Contains(subfolder.Name) || (subfolder.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                continue;
            }

            Scan(subfolder, found, stopAtProjects: true);
        }
    }

    private static FileInfo[] SafeFiles(DirectoryInfo folder)
    {
        try
        {
            return folder.GetFiles();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return Array.Empty<FileInfo>();
        }
    }

    private static DirectoryInfo[] SafeFolders(DirectoryInfo folder)
    {
        try
        {
            return folder.GetDirectories();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return Array.Empty<DirectoryInfo>();
        }
    }

    private static string? FullPathOrNull(string baseDirectory, string path)
    {
        try
        {
            return Path.GetFullPath(Path.Combine(baseDirectory, path.Trim()));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    internal static string TrimSeparator(string path) =>
        path.Length > 1 && (path.EndsWith("/", StringComparison.Ordinal) || path.EndsWith("\\", StringComparison.Ordinal)) && Path.GetPathRoot(path) != path
            ? path.Substring(0, path.Length - 1)
            : path;
}
