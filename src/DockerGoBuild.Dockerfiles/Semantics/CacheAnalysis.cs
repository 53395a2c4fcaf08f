using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>A cache a RUN fills without a mount: which cache, for which command, at which path (null: unknown).</summary>
/// <remarks>
/// A value in its analysis's table, read where it lies: the rules only turn it into a finding. It holds where the RUN
/// and the command are in the model rather than copies of them, so that it is small and is written into the table
/// without a block copy of references.
/// </remarks>
internal readonly struct MissingCacheMount
{
    private readonly FactList _facts;
    private readonly int _factIndex;
    private readonly int _commandIndex;

    /// <summary>The cache of the kind that command <paramref name="commandIndex"/> of the RUN at <paramref name="factIndex"/> of <paramref name="facts"/> fills.</summary>
    public MissingCacheMount(FactList facts, int factIndex, int commandIndex, CacheKind kind, string? path)
    {
        _facts = facts;
        _factIndex = factIndex;
        _commandIndex = commandIndex;
        Kind = kind;
        Path = path;
    }

    /// <summary>The RUN as written (ONBUILD included).</summary>
    public Instruction Run => _facts[_factIndex].Instruction;

    public CacheKind Kind { get; }

    public ExecutedCommand Command => _facts[_factIndex].Commands[_commandIndex];

    public string? Path { get; }
}

/// <summary>A cache mount whose target misses the cache it is meant for.</summary>
/// <remarks>A value in its analysis's table, read where it lies, as <see cref="MissingCacheMount"/> is.</remarks>
internal readonly struct MistargetedCacheMount
{
    public MistargetedCacheMount(Instruction run, CacheKind kind, RunMount mount, string expectedPath)
    {
        Run = run;
        Kind = kind;
        Mount = mount;
        ExpectedPath = expectedPath;
    }

    /// <summary>The RUN as written (ONBUILD included).</summary>
    public Instruction Run { get; }

    public CacheKind Kind { get; }

    public RunMount Mount { get; }

    public string ExpectedPath { get; }
}

/// <summary>
/// The cache-mount facts of every RUN, computed once and read by DGB010, DGB011, DGB012 and DGB020.
/// A cache with a mistargeted mount is reported as DGB012 only: one problem, one diagnostic.
/// </summary>
/// <remarks>
/// A thread analyses one file after another, and keeps its analysis context, and with it this object and its tables,
/// for the next (see <see cref="Rules.AnalysisContext"/>): <see cref="Compute"/> makes it the analysis of another
/// model, with none of the facts of the one before, so that an analysis of a file of ordinary size allocates none.
/// </remarks>
internal sealed class CacheAnalysis
{
    // Tables that grew past this many facts are kept for the next analysis only while used.
    private const int MaxRetainedFacts = 1024;

    // The facts, [0, count) in use; made at the first fact of their kind.
    private MissingCacheMount[] _missing = Array.Empty<MissingCacheMount>();
    private int _missingCount;
    private MistargetedCacheMount[] _mistargeted = Array.Empty<MistargetedCacheMount>();
    private int _mistargetedCount;

    // The tables of a file of many facts (a generated one of megabytes: tens of thousands), kept while the thread
    // keeps using them (see KeptWhileUsed): the same file analysed again (in the IDE, on every keystroke) then fills them
    // rather than a table grown anew by copies.
    private readonly KeptTable<MissingCacheMount> _largeMissing = new();
    private readonly KeptTable<MistargetedCacheMount> _largeMistargeted = new();

    /// <summary>The caches RUNs fill without a mount, in the order of the RUNs and their commands.</summary>
    public ReadOnlySpan<MissingCacheMount> Missing => new(_missing, 0, _missingCount);

    /// <summary>The cache mounts whose target misses their cache, in the order of the RUNs and their mounts.</summary>
    public ReadOnlySpan<MistargetedCacheMount> Mistargeted => new(_mistargeted, 0, _mistargetedCount);

    /// <summary>
    /// Makes this the analysis of the RUNs of <paramref name="model"/> from position <paramref name="firstRun"/> of its
    /// <see cref="BuildModel.RunIndexes"/> on: the facts of an earlier model or window are forgotten first.
    /// </summary>
    public void Compute(BuildModel model, int firstRun = 0)
    {
        Clear();
        var facts = model.Instructions;
        var runs = model.RunIndexes;
        var stagePaths = default(StagePaths);
        for (var index = firstRun; index < runs.Count; index++)
        {
            AnalysisCancellation.PollAt(index);
            var run = facts[runs[index]];
            var mounts = run.Mounts;
            var mistargetedKinds = mounts.Length == 0 ? CacheKinds.None : FindMistargeted(run, in mounts, ref stagePaths);

            // Most RUNs run no go or dotnet command, and so fill no cache.
            if (run.HasCommandsWithArgumentsRead)
            {
                FindMissing(facts, runs[index], run, in mounts, mistargetedKinds, ref stagePaths);
            }
        }
    }

    /// <summary>
    /// Forgets the facts, so that the thread keeps neither the model's strings nor its tables alive; tables that grew
    /// large are dropped.
    /// </summary>
    public void Clear()
    {
        Clear(ref _missing, ref _missingCount, _largeMissing);
        Clear(ref _mistargeted, ref _mistargetedCount, _largeMistargeted);
    }

    // Most analyses find nothing: their tables need no clearing.
    private static void Clear<T>(ref T[] table, ref int count, KeptTable<T> large)
    {
        if (count == 0)
        {
            return;
        }

        Array.Clear(table, 0, count);
        count = 0;
        if (table.Length > MaxRetainedFacts)
        {
            large.Keep(table);
            table = Array.Empty<T>();
        }
    }

    // Adds the fact; a full table grows into the large one kept, when there is one long enough.
    private static void Add<T>(ref T[] table, ref int count, in T fact, KeptTable<T> large)
    {
        if (count == table.Length)
        {
            table = large.Grow(table, count, Math.Max(4, table.Length * 2));
        }

        table[count++] = fact;
    }

    private CacheKinds FindMistargeted(in InstructionFacts run, in RunMountList mounts, ref StagePaths stagePaths)
    {
        var kinds = CacheKinds.None;
        foreach (ref readonly var mount in mounts.AsSpan())
        {
            if (!mount.IsCache || mount.Target == null || mount.MeantFor() is not { } kind || kinds.Contains(kind))
            {
                continue;
            }

            var expected = stagePaths.For(kind, run);
            if (expected == null || IsAcceptable(run, kind, expected, mount.Target))
            {
                continue;
            }

            kinds = kinds.With(kind);
            Add(ref _mistargeted, ref _mistargetedCount, new MistargetedCacheMount(run.Instruction, kind, mount, expected), _largeMistargeted);
        }

        return kinds;
    }

    // The target covers the stage's path or a per-command override of it in the same RUN.
    private static bool IsAcceptable(in InstructionFacts run, CacheKind kind, string stagePath, string target)
    {
        if (UnixPath.Covers(target, stagePath))
        {
            return true;
        }

        var commands = run.Commands;
        for (var i = 0; i < commands.Length; i++)
        {
            AnalysisCancellation.PollAt(i);
            var command = commands[i];
            if (command.Variables.Count > 0 && CachePaths.For(kind, run.State, command.Variables) is { } path && UnixPath.Covers(target, path))
            {
                return true;
            }
        }

        return false;
    }

    // The caches the go and dotnet commands of a RUN that runs some (HasCommandsWithArgumentsRead) fill without a mount.
    private void FindMissing(FactList facts, int factIndex, in InstructionFacts run, in RunMountList mounts, CacheKinds mistargetedKinds, ref StagePaths stagePaths)
    {
        var reported = mistargetedKinds;
        var commands = run.Commands;

        for (var i = 0; i < commands.Length; i++)
        {
            AnalysisCancellation.PollAt(i);
            var command = commands[i];
            if (!GoCommand.IsGoOrDotnet(command))
            {
                // Nearly every command: neither go nor dotnet.
                continue;
            }

            // Most commands set no variables of their own: the state's paths are theirs.
            var variables = command.Variables.Count > 0 ? command.Variables : null;
            var filled = CachesFilledBy(command, run.State, variables);
            if (filled.IsEmpty)
            {
                continue;
            }

            foreach (var kind in AllKinds)
            {
                if (!filled.Contains(kind) || reported.Contains(kind))
                {
                    continue;
                }

                var path = kind == CacheKind.NuGetPackages && command.OptionValue("--packages") is { } packages
                    ? UnixPath.Resolve(packages, run.State.Workdir)
                    : variables == null ? stagePaths.For(kind, run) : CachePaths.For(kind, run.State, variables);
                if (IsMounted(run, in mounts, kind, path, ref stagePaths))
                {
                    continue;
                }

                reported = reported.With(kind);
                Add(ref _missing, ref _missingCount, new MissingCacheMount(facts, factIndex, i, kind, path), _largeMissing);
            }
        }
    }

    private static readonly CacheKind[] AllKinds = { CacheKind.GoModules, CacheKind.GoBuild, CacheKind.NuGetPackages };

    private static CacheKinds CachesFilledBy(in ExecutedCommand command, in StageState state, IReadOnlyDictionary<string, string>? variables)
    {
        var kinds = CacheKinds.None;
        if (GoCommand.IsGo(command))
        {
            if (GoCommand.ResolvesModules(command) && !UsesVendoredModules(command, state, variables))
            {
                kinds = kinds.With(CacheKind.GoModules);
            }

            if (GoCommand.Compiles(command))
            {
                kinds = kinds.With(CacheKind.GoBuild);
            }
        }
        else if (GoCommand.IsDotnet(command) && GoCommand.RestoresPackages(command))
        {
            kinds = kinds.With(CacheKind.NuGetPackages);
        }

        return kinds;
    }

    private static bool UsesVendoredModules(in ExecutedCommand command, in StageState state, IReadOnlyDictionary<string, string>? variables) =>
        GoCommand.HasVendorFlag(command)
        || GoCommand.FlagsVendor(state.Lookup("GOFLAGS", variables))
        || state.Lookup("GO111MODULE", variables) == "off";

    private static bool IsMounted(in InstructionFacts run, in RunMountList mounts, CacheKind kind, string? path, ref StagePaths stagePaths)
    {
        foreach (ref readonly var mount in mounts.AsSpan())
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

            if (path != null ? UnixPath.Covers(mount.Target, path) : CouldBe(run, in mount, kind, ref stagePaths))
            {
                return true;
            }
        }

        return false;
    }

    // With the cache path unknown, any cache mount could be it, unless it is recognisably something else.
    private static bool CouldBe(in InstructionFacts run, in RunMount mount, CacheKind kind, ref StagePaths stagePaths)
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

        foreach (var other in AllKinds)
        {
            if (other != kind && stagePaths.For(other, run) is { } otherPath && otherPath == mount.Target)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The cache paths of the last state asked for, without a command's own variables, each worked out once: the RUNs
    /// of a stage mostly see the same state, and every command that fills a cache asks for its path.
    /// </summary>
    private struct StagePaths
    {
        // The index of the state in the model's table, plus one (0: none yet).
        private int _stateIndexPlusOne;
        private CacheKinds _known;
        private string? _goModules;
        private string? _goBuild;
        private string? _nuGetPackages;

        /// <summary><see cref="CachePaths.For"/> of the kind in the state the instruction sees, with no variables of a command's own.</summary>
        public string? For(CacheKind kind, in InstructionFacts instruction)
        {
            if (instruction.StateIndex + 1 != _stateIndexPlusOne)
            {
                _stateIndexPlusOne = instruction.StateIndex + 1;
                _known = CacheKinds.None;
            }

            if (!_known.Contains(kind))
            {
                var path = CachePaths.For(kind, instruction.State, null);
                switch (kind)
                {
                    case CacheKind.GoModules:
                        _goModules = path;
                        break;
                    case CacheKind.GoBuild:
                        _goBuild = path;
                        break;
                    default:
                        _nuGetPackages = path;
                        break;
                }

                _known = _known.With(kind);
            }

            return kind switch
            {
                CacheKind.GoModules => _goModules,
                CacheKind.GoBuild => _goBuild,
                _ => _nuGetPackages,
            };
        }
    }

    /// <summary>A set of cache kinds, as bits.</summary>
    private readonly struct CacheKinds
    {
        public static readonly CacheKinds None = default;

        private readonly int _bits;

        private CacheKinds(int bits)
        {
            _bits = bits;
        }

        public bool IsEmpty => _bits == 0;

        public bool Contains(CacheKind kind) => (_bits & (1 << (int)kind)) != 0;

        public CacheKinds With(CacheKind kind) => new(_bits | (1 << (int)kind));
    }
}
