using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>Container paths: joined against WORKDIR, normalised, compared by whole segments.</summary>
internal static class UnixPath
{
    /// <summary>Resolves <paramref name="path"/> against <paramref name="workdir"/> and normalises it; null when unknown.</summary>
    public static string? Resolve(string? path, string? workdir)
    {
        if (path == null || path.IndexOf(VariableExpander.UnknownMarker) >= 0)
        {
            return null;
        }

        if (!path.StartsWith("/", System.StringComparison.Ordinal))
        {
            // A chain of relative WORKDIRs would otherwise grow the path, and each state's copy of it, without end.
            if (workdir == null || workdir.Length > VariableExpander.MaxValueLength)
            {
                return null;
            }

            path = workdir + "/" + path;
        }
        else if (IsNormal(path))
        {
            return path;
        }

        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        return "/" + string.Join("/", segments);
    }

    // "/" alone, or "/" followed by segments that are neither empty, "." nor "..": the path resolves to itself.
    private static bool IsNormal(string path)
    {
        if (path.Length == 1)
        {
            return true;
        }

        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/')
            {
                continue;
            }

            var length = i - segmentStart;
            if (length == 0 || (path[segmentStart] == '.' && (length == 1 || (length == 2 && path[segmentStart + 1] == '.'))))
            {
                return false;
            }

            segmentStart = i + 1;
        }

        return true;
    }

    /// <summary>A Windows container path with forward slashes and no trailing slash, so it compares like a Linux one; null when unknown.</summary>
    public static string? NormalizeWindows(string path) =>
        path.IndexOf(VariableExpander.UnknownMarker) >= 0 ? null : path.Replace('\\', '/').TrimEnd('/');

    /// <summary>True when <paramref name="folder"/> is <paramref name="path"/> or a folder above it; "/" never counts.</summary>
    public static bool Covers(string folder, string path)
    {
        if (folder == "/")
        {
            return false;
        }

        return path == folder || (path.Length > folder.Length && path.StartsWith(folder, System.StringComparison.Ordinal) && path[folder.Length] == '/');
    }

    /// <summary>True when <paramref name="path"/> is strictly below <paramref name="folder"/>.</summary>
    public static bool IsBelow(string path, string folder) => path != folder && Covers(folder, path);
}
