using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerGoBuild.Dockerfiles;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Syntax;
using DockerGoBuild.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace DockerGoBuild.Analyzers.Tasks;

/// <summary>
/// Applies the core engine's fixes (the same <see cref="DockerfileFixer"/> as <c>dockergobuild fix</c>) to the
/// Dockerfiles among <see cref="Files"/>; with <see cref="Check"/>, changes nothing and fails when a fix is pending.
/// </summary>
public sealed class FixDockerfiles : Task
{
    /// <summary>Candidate files: those with <c>DockerGoBuildKind=Dockerfile</c>, or without that metadata and a Dockerfile name.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>A dry run: report each file that has fixes pending as an error and write nothing.</summary>
    public bool Check { get; set; }

    /// <summary>Only these rule ids (semicolon-separated in MSBuild); all fixable rules when empty.</summary>
    public string[] RuleIds { get; set; } = Array.Empty<string>();

    /// <summary>The files rewritten, or in a dry run the files that would be.</summary>
    [Output]
    public ITaskItem[] FixableFiles { get; private set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var ruleIds = RuleIds.Select(id => id.Trim()).Where(id => id.Length > 0).ToList();
        var fixable = new List<ITaskItem>();
        foreach (var path in DockerfilePaths())
        {
            if (FixOne(path, ruleIds.Count == 0 ? null : ruleIds))
            {
                fixable.Add(new TaskItem(path));
            }
        }

        FixableFiles = fixable.ToArray();
        if (!Check)
        {
            Log.LogMessage(MessageImportance.High, "DockerGoBuild: {0} Dockerfile(s) fixed.", fixable.Count);
        }

        return !Log.HasLoggedErrors;
    }

    private IEnumerable<string> DockerfilePaths()
    {
        var seen = new HashSet<string>(Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var item in Files)
        {
            var kind = item.GetMetadata(DiscoverDockerfiles.KindMetadata).Trim();
            var isDockerfile = kind.Length == 0 ? DockerfileNames.IsDockerfileName(item.ItemSpec) : string.Equals(kind, "Dockerfile", StringComparison.OrdinalIgnoreCase);
            var path = item.GetMetadata("FullPath");
            if (isDockerfile && seen.Add(path))
            {
                yield return path;
            }
        }
    }

    /// <summary>Fixes one file (or checks it); true when it has fixes to apply.</summary>
    private bool FixOne(string path, IReadOnlyCollection<string>? ruleIds)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, null, null, path, 0, 0, 0, 0, "DockerGoBuild: cannot read the Dockerfile: {0}", exception.Message);
            return false;
        }

        var text = DockerfileEncoding.Decode(bytes, out var encoding);
        var result = DockerfileFixer.Fix(text, ruleIds);
        if (result.LeftUntouched)
        {
            Log.LogMessage(MessageImportance.High, "DockerGoBuild: {0}: {1}", path, result.Reason);
            return false;
        }

        if (!result.Changed)
        {
            return false;
        }

        var summary = string.Join(", ", result.Applied.Select(finding => finding.Id).Distinct(StringComparer.Ordinal));
        if (Check)
        {
            var line = result.Applied.Count == 0 ? 0 : result.Applied.Min(finding => finding.InstructionLine) + 1;
            Log.LogError(null, null, null, path, line, 0, 0, 0, "DockerGoBuild: fixes pending ({0}); run 'dotnet msbuild -t:FixDockerfiles' to apply them.", summary);
            return true;
        }

        try
        {
            AtomicFileWriter.Default.Write(path, DockerfileEncoding.Encode(result.Text, encoding));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, null, null, path, 0, 0, 0, 0, "DockerGoBuild: cannot write the fixed Dockerfile: {0}", exception.Message);
            return false;
        }

        Log.LogMessage(MessageImportance.High, "DockerGoBuild: fixed {0} ({1}).", path, summary);
        return true;
    }
}
