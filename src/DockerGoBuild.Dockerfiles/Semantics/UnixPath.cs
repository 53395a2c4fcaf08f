using System;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>Container paths: joined against WORKDIR, normalised, compared by whole segments.</summary>
internal static class UnixPath
{
    // Longer buffers are not kept by the thread.
    private const int MaxRetainedBuffer = 4 * VariableExpander.MaxValueLength;

    [ThreadStatic]
    private static char[]? resolveBuffer;

    /// <summary>Resolves <paramref name="path"/> against <paramref name="workdir"/> and normalises it; null when unknown.</summary>
    public static string? Resolve(string? path, string? workdir) => Resolve(path, workdir, shared: false);

    /// <summary><see cref="Resolve(string?, string?)"/>, a path made anew as the thread's strings have it (see <see cref="StringTable"/>).</summary>
    public static string? ResolveShared(string? path, string? workdir) => Resolve(path, workdir, shared: true);

    /// <summary>True when <see cref="Resolve(string?, string?)"/> gives <paramref name="path"/> itself, whatever the working directory.</summary>
    public static bool ResolvesToItself(string path) => ResolvesToItself(path.AsSpan());

    /// <summary><see cref="ResolvesToItself(string)"/> of a path read where it lies.</summary>
    public static bool ResolvesToItself(ReadOnlySpan<char> path) =>
        path.Length > 0 && path[0] == '/' && path.IndexOf(VariableExpander.UnknownMarker) < 0 && IsNormal(path);

    /// <summary>
    /// The working directory <see cref="Resolve(string?, string?)"/> needs for <paramref name="path"/>, read from the
    /// state only for a relative path: an absolute one (nearly every path) needs none.
    /// </summary>
    public static string? WorkdirFor(string? path, in StageState state) => path is { Length: > 0 } && path[0] == '/' ? null : state.Workdir;

    private static string? Resolve(string? path, string? workdir, bool shared)
    {
        if (path == null || path.IndexOf(VariableExpander.UnknownMarker) >= 0)
        {
            return null;
        }

        var absolute = path.Length > 0 && path[0] == '/';
        if (absolute && IsNormal(path.AsSpan()))
        {
            return path;
        }

        // A chain of relative WORKDIRs would otherwise grow the path, and each state's copy of it, without end.
        if (!absolute && (workdir == null || workdir.Length > VariableExpander.MaxValueLength))
        {
            return null;
        }

        // The segments are written into one buffer, so that only the result is allocated.
        var capacity = (absolute ? 0 : workdir!.Length + 1) + path.Length + 1;
        var buffer = resolveBuffer is { } cached && cached.Length >= capacity ? cached : new char[Math.Max(capacity, 256)];
        var length = absolute ? 0 : AppendSegments(workdir!, buffer, 0);
        length = AppendSegments(path, buffer, length);
        if (buffer.Length <= MaxRetainedBuffer)
        {
            resolveBuffer = buffer;
        }

        return length == 0 ? "/" : shared ? StringTable.Get(new ReadOnlySpan<char>(buffer, 0, length)) : new string(buffer, 0, length);
    }

    // Appends the segments of path to buffer[0, length) as "/segment" each, leaving out empty and "." segments and
    // taking ".." for going up (never above "/"); returns the new length.
    private static int AppendSegments(string path, char[] buffer, int length)
    {
        for (var start = 0; start < path.Length;)
        {
            var end = path.IndexOf('/', start);
            if (end < 0)
            {
                end = path.Length;
            }

            var segmentLength = end - start;
            if (segmentLength == 2 && path[start] == '.' && path[start + 1] == '.')
            {
                length = length == 0 ? 0 : Array.LastIndexOf(buffer, '/', length - 1);
            }
            else if (segmentLength > 0 && !(segmentLength == 1 && path[start] == '.'))
            {
                buffer[length++] = '/';
                path.CopyTo(start, buffer, length, segmentLength);
                length += segmentLength;
            }

            start = end + 1;
        }

        return length;
    }

    // "/" alone, or "/" followed by segments that are neither empty, "." nor "..": the path resolves to itself.
    private static bool IsNormal(ReadOnlySpan<char> path)
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
        path.IndexOf(VariableExpander.UnknownMarker) >= 0 ? null : TrimTrailingSlashes(path.Replace('\\', '/'));

    // TrimEnd's only overload on netstandard2.0 takes an array: one made per call otherwise.
    private static readonly char[] Slash = { '/' };

    /// <summary>The path without its trailing slashes (the same string when it has none).</summary>
    public static string TrimTrailingSlashes(string path) =>
        path.Length > 0 && path[path.Length - 1] == '/' ? path.TrimEnd(Slash) : path;

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
