using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace DockerGoBuild.Analyzers.Tasks;

/// <summary>
/// Finds the Dockerfiles a project analyses (see <see cref="DockerfileOwnership"/> for which project gets which
/// file) and returns them as items for <c>AdditionalFiles</c>, leaving out those the project already lists itself
/// so that the user's items keep their metadata.
/// </summary>
public sealed class DiscoverDockerfiles : Task
{
    /// <summary>The item metadata the analyzer reads (made compiler-visible by the package's props).</summary>
    public const string KindMetadata = "DockerGoBuildKind";

    public const string SourceMetadata = "DockerGoBuildSource";

    [Required]
    public string ProjectFullPath { get; set; } = string.Empty;

    public string? SolutionDirectory { get; set; }

    /// <summary>MSBuild's CurrentSolutionConfigurationContents: lists the solution's projects when built through one.</summary>
    public string? SolutionConfigurationContents { get; set; }

    public string? RepositoryRoot { get; set; }

    public bool IsRepositoryRootProject { get; set; }

    public string? DockerfileFile { get; set; }

    public ITaskItem[] ExistingAdditionalFiles { get; set; } = Array.Empty<ITaskItem>();

    public string? TargetFramework { get; set; }

    public string? TargetFrameworks { get; set; }

    /// <summary>Whether this call may print the message about Dockerfiles no project analyses (the build's call, not FixDockerfiles').</summary>
    public bool ReportUnanalysedDockerfiles { get; set; }

    [Output]
    public ITaskItem[] Dockerfiles { get; private set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        // A multi-targeting project compiles once per target framework: the Dockerfiles go to the first one only,
        // so each finding is reported once per build rather than once per framework.
        if (!IsPrimaryTargetFramework(TargetFramework, TargetFrameworks))
        {
            Log.LogMessage(MessageImportance.Low, "DockerGoBuild: Dockerfiles are analysed in the first target framework of '{0}', not in '{1}'.", TargetFrameworks, TargetFramework);
            return true;
        }

        var solutionProjects = SolutionProjects(SolutionConfigurationContents);
        var request = new DiscoveryRequest(ProjectFullPath)
        {
            SolutionDirectory = SolutionDirectory,
            RepositoryRoot = RepositoryRoot,
            IsRepositoryRootProject = IsRepositoryRootProject,
            DockerfileFile = DockerfileFile,
            SolutionProjects = solutionProjects,
        };

        var ownership = DockerfileOwnership.For(request);
        if (IsRepositoryRootProject && ownership.RepositoryRoot is null)
        {
            Log.LogMessage(MessageImportance.High, "DockerGoBuild: DockerGoBuildRepositoryRoot is set, but no repository root (a folder holding .git) was found above {0}; set DockerGoBuildRepositoryRootPath to name it.", ownership.ProjectDirectory);
        }

        var unclaimed = new List<string>();
        var owned = ownership.Discover(request, unclaimed);
        var alreadyListed = new HashSet<string>(
            ExistingAdditionalFiles.Select(item => item.GetMetadata("FullPath")),
            Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

        var items = new List<ITaskItem>();
        foreach (var file in owned)
        {
            if (alreadyListed.Contains(file.FullPath))
            {
                continue;
            }

            var item = new TaskItem(file.FullPath);
            item.SetMetadata(KindMetadata, "Dockerfile");
            item.SetMetadata(SourceMetadata, file.Source);
            items.Add(item);
            Log.LogMessage(MessageImportance.Low, "DockerGoBuild: analysing {0} ({1}).", file.FullPath, file.Source);
        }

        Dockerfiles = items.ToArray();

        if (ReportUnanalysedDockerfiles && !IsRepositoryRootProject)
        {
            ReportUnanalysed(ownership, request, unclaimed, owned);
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>
    /// Says once per build, from one project only (the solution's first by path, or the project built alone), that
    /// Dockerfiles outside every project folder are analysed by no one and how to change that. The other projects
    /// cannot know whether one of them opted in, so the check reads the solution's project files for the property.
    /// </summary>
    private void ReportUnanalysed(DockerfileOwnership ownership, DiscoveryRequest request, List<string> unclaimed, List<OwnedDockerfile> owned)
    {
        var solutionProjects = request.SolutionProjects;
        var thisProject = Path.GetFullPath(ProjectFullPath);
        var messenger = solutionProjects.Count == 0 ? thisProject : solutionProjects.OrderBy(path => path, StringComparer.Ordinal).First();
        if (!string.Equals(messenger, thisProject, StringComparison.Ordinal) || solutionProjects.Any(DeclaresRepositoryRoot))
        {
            return;
        }

        // A DockerfileFile outside every project folder is analysed by the project naming it: not one to mention.
        var analysedHere = new HashSet<string>(owned.Select(file => file.FullPath).Concat(ownership.DockerfileFilesOfOtherProjects(request)), StringComparer.Ordinal);
        var shared = ownership.ScanSharedZone().Concat(unclaimed)
            .Where(path => !analysedHere.Contains(path))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();
        if (shared.Count == 0)
        {
            return;
        }

        var root = ownership.RepositoryRoot ?? ownership.ProjectDirectory;
        var examples = string.Join(", ", shared.Take(3).Select(path => RelativeTo(root, path)));
        Log.LogMessage(
            MessageImportance.High,
            "DockerGoBuild: {0} Dockerfile(s) outside every project folder are not analysed ({1}{2}). To analyse them, set <DockerGoBuildRepositoryRoot>true</DockerGoBuildRepositoryRoot> in one project.",
            shared.Count,
            examples,
            shared.Count > 3 ? ", ..." : string.Empty);
    }

    internal static bool IsPrimaryTargetFramework(string? targetFramework, string? targetFrameworks)
    {
        if (string.IsNullOrWhiteSpace(targetFramework) || string.IsNullOrWhiteSpace(targetFrameworks))
        {
            return true;
        }

        var first = targetFrameworks!.Split(';').Select(framework => framework.Trim()).FirstOrDefault(framework => framework.Length > 0);
        return first is null || string.Equals(first, targetFramework!.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The projects of <c>CurrentSolutionConfigurationContents</c> that the solution builds.</summary>
    internal static IReadOnlyList<string> SolutionProjects(string? solutionConfigurationContents)
    {
        if (string.IsNullOrWhiteSpace(solutionConfigurationContents))
        {
            return Array.Empty<string>();
        }

        try
        {
            return XElement.Parse(solutionConfigurationContents!)
                .Elements("ProjectConfiguration")
                .Where(project => !string.Equals((string?)project.Attribute("BuildProjectInSolution"), "False", StringComparison.OrdinalIgnoreCase))
                .Select(project => (string?)project.Attribute("AbsolutePath"))
                .Where(path => !string.IsNullOrEmpty(path))
                .Select(path => Path.GetFullPath(path!))
                .ToList();
        }
        catch (System.Xml.XmlException)
        {
            return Array.Empty<string>();
        }
    }

    private static readonly Regex RepositoryRootProperty = new(@"<DockerGoBuildRepositoryRoot(\s[^>]*)?>\s*true\s*</DockerGoBuildRepositoryRoot>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static bool DeclaresRepositoryRoot(string projectPath)
    {
        try
        {
            return RepositoryRootProperty.IsMatch(File.ReadAllText(projectPath));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string RelativeTo(string root, string path)
    {
        var prefix = root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal) ? path.Substring(prefix.Length) : path;
    }
}
