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
        Normalize(state, state.Lookup("GOMODCACHE", variables) ?? Join(GoPath(state, variables), "pkg/mod"));

    public static string? GoCache(in StageState state, IReadOnlyDictionary<string, string>? variables)
    {
        var gocache = state.Lookup("GOCACHE", variables);
        if (gocache != null)
        {
            return Normalize(state, gocache);
        }

        var xdg = state.Lookup("XDG_CACHE_HOME", variables);
        return Normalize(state, xdg != null ? Join(xdg, "go-build") : Join(state.Home(variables), ".cache/go-build"));
    }

    public static string? NuGetPackages(in StageState state, IReadOnlyDictionary<string, string>? variables) =>
        Normalize(state, state.Lookup("NUGET_PACKAGES", variables) ?? Join(state.Home(variables), ".nuget/packages"));

    // The caches (and root's GOPATH) of the golang image and of root, which nearly every RUN that fills a cache has:
    // made once, not joined for each command.
    private static readonly string[] CommonPaths = { "/go/pkg/mod", "/root/.cache/go-build", "/root/.nuget/packages", "/root/go", "/root/go/pkg/mod" };

    private static string? Join(string? folder, string child)
    {
        if (folder == null)
        {
            return null;
        }

        var trimmed = UnixPath.TrimTrailingSlashes(folder);
        foreach (var common in CommonPaths)
        {
            // common == trimmed + "/" + child, compared without making the joined path.
            if (common.Length == trimmed.Length + 1 + child.Length && common[trimmed.Length] == '/'
                && ShortOrdinal.Equals(common, 0, trimmed, 0, trimmed.Length)
                && ShortOrdinal.Equals(common, trimmed.Length + 1, child, 0, child.Length))
            {
                return common;
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

        return path.IndexOf('\\') >= 0 || (path.Length > 1 && path[1] == ':') ? null : UnixPath.Resolve(path, state.Workdir);
    }
}
