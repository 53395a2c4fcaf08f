using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>A cache a RUN fills without a mount: which cache, for which command, at which path (null: unknown).</summary>
internal sealed class MissingCacheMount
{
    public MissingCacheMount(InstructionFacts run, CacheKind kind, ExecutedCommand command, string? path)
    {
        Run = run;
        Kind = kind;
        Command = command;
        Path = path;
    }

    public InstructionFacts Run { get; }

    public CacheKind Kind { get; }

    public ExecutedCommand Command { get; }

    public string? Path { get; }
}

/// <summary>A cache mount whose target misses the cache it is meant for.</summary>
internal sealed class MistargetedCacheMount
{
    public MistargetedCacheMount(InstructionFacts run, CacheKind kind, RunMount mount, string expectedPath)
    {
        Run = run;
        Kind = kind;
        Mount = mount;
        ExpectedPath = expectedPath;
    }

    public InstructionFacts Run { get; }

    public CacheKind Kind { get; }

    public RunMount Mount { get; }

    public string ExpectedPath { get; }
}

/// <summary>
/// The cache-mount facts of every RUN, computed once and read by DGB010, DGB011, DGB012 and DGB020.
/// A cache with a mistargeted mount is reported as DGB012 only: one problem, one diagnostic.
/// </summary>
internal sealed class CacheAnalysis
{
    private CacheAnalysis(List<MissingCacheMount> missing, List<MistargetedCacheMount> mistargeted)
    {
        Missing = missing;
        Mistargeted = mistargeted;
    }

    public IReadOnlyList<MissingCacheMount> Missing { get; }

    public IReadOnlyList<MistargetedCacheMount> Mistargeted { get; }

    public static CacheAnalysis Compute(BuildModel model)
    {
        var missing = new List<MissingCacheMount>();
        var mistargeted = new List<MistargetedCacheMount>();
        foreach (var run in model.Instructions)
        {
            if (run.Effective.Kind != InstructionKind.Run)
            {
                continue;
            }

            var mounts = run.Mounts;
            var mistargetedKinds = FindMistargeted(run, mounts, mistargeted);
            FindMissing(run, mounts, mistargetedKinds, missing);
        }

        return new CacheAnalysis(missing, mistargeted);
    }

    private static HashSet<CacheKind> FindMistargeted(InstructionFacts run, IReadOnlyList<RunMount> mounts, List<MistargetedCacheMount> mistargeted)
    {
        var kinds = new HashSet<CacheKind>();
        foreach (var mount in mounts)
        {
            if (!mount.IsCache || mount.Target == null || mount.MeantFor() is not { } kind || kinds.Contains(kind))
            {
                continue;
            }

            var expected = CachePaths.For(kind, run.State, null);
            if (expected == null || AcceptablePaths(run, kind, expected).Exists(path => UnixPath.Covers(mount.Target, path)))
            {
                continue;
            }

            kinds.Add(kind);
            mistargeted.Add(new MistargetedCacheMount(run, kind, mount, expected));
        }

        return kinds;
    }

    // The stage's path and any per-command override of it in the same RUN.
    private static List<string> AcceptablePaths(InstructionFacts run, CacheKind kind, string stagePath)
    {
        var paths = new List<string> { stagePath };
        foreach (var command in run.Commands)
        {
            if (command.Variables.Count > 0 && CachePaths.For(kind, run.State, command.Variables) is { } path)
            {
                paths.Add(path);
            }
        }

        return paths;
    }

    private static void FindMissing(InstructionFacts run, IReadOnlyList<RunMount> mounts, HashSet<CacheKind> mistargetedKinds, List<MissingCacheMount> missing)
    {
        var reported = new HashSet<CacheKind>(mistargetedKinds);
        foreach (var command in run.Commands)
        {
            foreach (var kind in CachesFilledBy(command, run.State))
            {
                if (reported.Contains(kind))
                {
                    continue;
                }

                var path = kind == CacheKind.NuGetPackages && command.OptionValue("--packages") is { } packages
                    ? UnixPath.Resolve(packages, run.State.Workdir)
                    : CachePaths.For(kind, run.State, command.Variables);
                if (IsMounted(run, mounts, kind, path))
                {
                    continue;
                }

                reported.Add(kind);
                missing.Add(new MissingCacheMount(run, kind, command, path));
            }
        }
    }

    private static IEnumerable<CacheKind> CachesFilledBy(ExecutedCommand command, StageState state)
    {
        if (GoCommand.IsGo(command))
        {
            var subcommand = GoCommand.Subcommand(command);
            if (GoCommand.ResolvesModules(subcommand) && !UsesVendoredModules(command, state))
            {
                yield return CacheKind.GoModules;
            }

            if (GoCommand.Compiles(subcommand))
            {
                yield return CacheKind.GoBuild;
            }
        }
        else if (GoCommand.IsDotnet(command) && GoCommand.RestoresPackages(command))
        {
            yield return CacheKind.NuGetPackages;
        }
    }

    private static bool UsesVendoredModules(ExecutedCommand command, StageState state) =>
        GoCommand.HasVendorFlag(command)
        || GoCommand.FlagsVendor(state.Lookup("GOFLAGS", command.Variables))
        || state.Lookup("GO111MODULE", command.Variables) == "off";

    private static bool IsMounted(InstructionFacts run, IReadOnlyList<RunMount> mounts, CacheKind kind, string? path)
    {
        foreach (var mount in mounts)
        {
            if (!mount.IsCache)
            {
                continue;
            }

            // A target nobody can resolve may well be the cache.
            if (mount.Target == null)
            {
                return true;
            }

            if (path != null ? UnixPath.Covers(mount.Target, path) : CouldBe(run, mount, kind))
            {
                return true;
            }
        }

        return false;
    }

    // With the cache path unknown, any cache mount could be it, unless it is recognisably something else.
    private static bool CouldBe(InstructionFacts run, RunMount mount, CacheKind kind)
    {
        if (RunMount.IsOtherToolsCache(mount.RawTarget) || RunMount.IsOtherToolsCache(mount.Id))
        {
            return false;
        }

        var meantFor = mount.MeantFor();
        if (meantFor != null && meantFor != kind)
        {
            return false;
        }

        foreach (var other in new[] { CacheKind.GoModules, CacheKind.GoBuild, CacheKind.NuGetPackages })
        {
            if (other != kind && CachePaths.For(other, run.State, null) is { } otherPath && otherPath == mount.Target)
            {
                return false;
            }
        }

        return true;
    }
}
