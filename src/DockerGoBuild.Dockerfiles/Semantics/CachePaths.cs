using System;
using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Semantics;

internal enum CacheKind
{
    GoModules,
    GoBuild,
    NuGetPackages,
}

/// <summary>Where Go and NuGet keep their caches for a command, by the tools' own rules; null when it cannot be known.</summary>
internal static class CachePaths
{
    public static string? For(CacheKind kind, in StageState state, IReadOnlyDictionary<string, string>? variables) => kind switch
    {
        CacheKind.GoModules => GoModCache(state, variables),
        CacheKind.GoBuild => GoCache(state, variables),
        _ => NuGetPackages(state, variables),
    };

    public static string? GoPath(in StageState state, IReadOnlyDictionary<string, string>? variables)
    {
        var gopath = state.Lookup("GOPATH", variables);
        if (gopath != null)
        {
            // The first folder of the list.
            var end = gopath.IndexOf(state.IsWindows ? ';' : ':');
            var first = end < 0 ? gopath : gopath.Substring(0, end);
            return first.Length > 0 ? first : null;
        }

        // A Windows stage has no known HOME and images set GOPATH themselves: only an explicit GOPATH is known.
        if (state.IsWindows)
        {
            return null;
        }

        return state.BaseImage switch
        {
            BaseImageKind.Golang => "/go",
            BaseImageKind.Unknown => null,
            _ => Join(state.Home(variables), "go"),
        };
    }

    public static string? GoModCache(in StageState state, IReadOnlyDictionary<string, string>? variables) =>
        state.Lookup("GOMODCACHE", variables) is { } gomodcache ? Normalize(state, gomodcache) : JoinNormalized(state, GoPath(state, variables), "pkg/mod");

    public static string? GoCache(in StageState state, IReadOnlyDictionary<string, string>? variables)
    {
        var gocache = state.Lookup("GOCACHE", variables);
        if (gocache != null)
        {
            return Normalize(state, gocache);
        }

        var xdg = state.Lookup("XDG_CACHE_HOME", variables);
        return xdg != null ? JoinNormalized(state, xdg, "go-build") : JoinNormalized(state, state.Home(variables), ".cache/go-build");
    }

    public static string? NuGetPackages(in StageState state, IReadOnlyDictionary<string, string>? variables) =>
        state.Lookup("NUGET_PACKAGES", variables) is { } packages ? Normalize(state, packages) : JoinNormalized(state, state.Home(variables), ".nuget/packages");

    // The caches (and root's GOPATH) of the golang image and of root, which nearly every RUN that fills a cache has:
    // made once, not joined for each command. Each is its own normalised path, in any stage.
    private static readonly CommonPath[] CommonPaths =
    {
        new("/go", "pkg/mod"), new("/root", ".cache/go-build"), new("/root", ".nuget/packages"), new("/root", "go"), new("/root/go", "pkg/mod"),
    };

    // A common path and the folder and child it is joined of.
    private readonly struct CommonPath
    {
        public CommonPath(string folder, string child)
        {
            Folder = folder;
            Child = child;
            Path = folder + "/" + child;
        }

        public string Folder { get; }

        public string Child { get; }

        public string Path { get; }
    }

    private static string? Join(string? folder, string child) => Join(folder, child, out _);

    // The path joined and normalised: one of the common paths, normal as they are, is not looked at again.
    private static string? JoinNormalized(in StageState state, string? folder, string child)
    {
        var joined = Join(folder, child, out var common);
        return common ? joined : Normalize(state, joined);
    }

    // common: the path is one of CommonPaths.
    private static string? Join(string? folder, string child, out bool common)
    {
        common = false;
        if (folder == null)
        {
            return null;
        }

        // The children are this class's literals, and most folders too (root's home, the golang image's GOPATH, a
        // common path): told equal by reference, most others by their lengths.
        var trimmed = UnixPath.TrimTrailingSlashes(folder);
        foreach (ref readonly var path in CommonPaths.AsSpan())
        {
            if (path.Child == child && path.Folder == trimmed)
            {
                common = true;
                return path.Path;
            }
        }

        return trimmed + "/" + child;
    }

    // In a Windows stage only a path set explicitly is known; elsewhere a Windows-looking path is not a Linux path.
    private static string? Normalize(in StageState state, string? path)
    {
        if (path == null)
        {
            return null;
        }

        if (state.IsWindows)
        {
            return UnixPath.NormalizeWindows(path);
        }

        return path.IndexOf('\\') >= 0 || (path.Length > 1 && path[1] == ':') ? null : UnixPath.Resolve(path, UnixPath.WorkdirFor(path, state));
    }
}
