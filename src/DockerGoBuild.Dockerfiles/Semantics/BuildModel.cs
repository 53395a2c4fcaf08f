using System;
using System.Collections.Generic;
using System.Threading;
using DockerGoBuild.Dockerfiles.Shell;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// An instruction with the build state it sees and, for a RUN, the commands it executes and its mounts. A value in
/// the model's list rather than an object per instruction: the model is built for every file on every keystroke.
/// </summary>
internal readonly struct InstructionFacts
{
    public InstructionFacts(Instruction instruction, StageState state, ExecutedCommand[] commands, RunMount[] mounts)
    {
        Instruction = instruction;
        State = state;
        Commands = commands;
        Mounts = mounts;
    }

    /// <summary>The instruction as written (ONBUILD included).</summary>
    public Instruction Instruction { get; }

    /// <summary>The instruction that acts: ONBUILD's trigger or the instruction itself.</summary>
    public Instruction Effective => Instruction.Effective;

    /// <summary>The state before the instruction runs.</summary>
    public StageState State { get; }

    /// <summary>
    /// For a RUN (also under ONBUILD): the commands it executes; empty otherwise. A RUN can execute hundreds of
    /// thousands of commands: the walks over them poll <see cref="AnalysisCancellation"/>.
    /// </summary>
    public ExecutedCommand[] Commands { get; }

    /// <summary>For a RUN: its <c>--mount</c> flags, read once for every rule that needs them; empty otherwise.</summary>
    public RunMount[] Mounts { get; }
}

/// <summary>
/// One walk over the instructions that every rule shares: stages, their variables and paths,
/// and the commands of every RUN, computed once per analysis.
/// </summary>
internal sealed class BuildModel
{
    private static readonly ExecutedCommand[] NoCommands = Array.Empty<ExecutedCommand>();
    private static readonly RunMount[] NoMounts = Array.Empty<RunMount>();

    private BuildModel(List<InstructionFacts> instructions, IReadOnlyDictionary<string, string?> globalArgs)
    {
        Instructions = instructions;
        GlobalArgs = globalArgs;
    }

    /// <summary>The instructions with their facts; the rules' walks over them poll <see cref="AnalysisCancellation"/>.</summary>
    public List<InstructionFacts> Instructions { get; }

    /// <summary>ARGs declared before the first FROM, with their defaults.</summary>
    public IReadOnlyDictionary<string, string?> GlobalArgs { get; }

    public static BuildModel Create(DockerfileSyntax syntax, CancellationToken cancellationToken)
    {
        var escape = syntax.EscapeCharacter;
        var globalArgs = new GlobalArgTable();
        var finishedStages = new List<StageState>();
        Dictionary<string, int>? stageNames = null;
        var facts = new List<InstructionFacts>(syntax.Instructions.Count);
        var state = new StageState(-1, escape);
        var runCommands = RunCommands.ForThisThread();
        foreach (var instruction in syntax.InstructionList)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (instruction.Kind == InstructionKind.From)
            {
                if (state.StageIndex >= 0)
                {
                    finishedStages.Add(state);
                }

                state = StartStage(instruction, finishedStages, ref stageNames, globalArgs, escape);
                facts.Add(new InstructionFacts(instruction, state, NoCommands, NoMounts));
                continue;
            }

            var effective = instruction.Effective;
            var isRun = effective.Kind == InstructionKind.Run;
            var commands = isRun ? runCommands.Collect(syntax, effective, state.Dialect) : NoCommands;
            var mounts = isRun && effective.FlagArray.Length > 0 ? RunMount.Read(effective, state) : NoMounts;
            facts.Add(new InstructionFacts(instruction, state, commands, mounts));

            // ONBUILD triggers run in a later build, so they do not change this stage's state.
            if (instruction.Kind != InstructionKind.Onbuild)
            {
                state = Apply(instruction, state, globalArgs, commands);
            }
        }

        return new BuildModel(facts, globalArgs.Values);
    }

    private static StageState StartStage(Instruction from, List<StageState> finished, ref Dictionary<string, int>? stageNames, GlobalArgTable globalArgs, char escape)
    {
        var stageIndex = finished.Count;
        var words = from.ArgumentWords;
        var image = words.Count > 0 ? VariableExpander.Expand(words[0].Value, escape, globalArgs, out _) : string.Empty;
        StageState state;
        if (stageNames != null && stageNames.TryGetValue(image, out var parentIndex) && parentIndex < finished.Count)
        {
            state = finished[parentIndex].InheritFor(stageIndex);
        }
        else
        {
            state = new StageState(stageIndex, escape)
            {
                BaseImage = ClassifyBaseImage(image),
                IsWindows = IsWindowsImage(image),
            };
        }

        if (words.Count >= 3 && string.Equals(words[1].Value, "AS", StringComparison.OrdinalIgnoreCase))
        {
            state.StageName = words[2].Value;
            (stageNames ??= new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase))[state.StageName] = stageIndex;
        }

        return state;
    }

    /// <summary>golang when the repository's last path component is golang; unknown when the repository itself is unresolved.</summary>
    internal static BaseImageKind ClassifyBaseImage(string image)
    {
        // reference = image up to '@'; repository = reference up to the ':' after its last '/'.
        var digest = image.IndexOf('@');
        var referenceEnd = digest >= 0 ? digest : image.Length;
        var lastSlash = referenceEnd == 0 ? -1 : image.LastIndexOf('/', referenceEnd - 1);
        var tag = image.IndexOf(':', lastSlash + 1, referenceEnd - (lastSlash + 1));
        var repositoryEnd = tag >= 0 ? tag : referenceEnd;
        if (repositoryEnd == 0 || image.IndexOf(VariableExpander.UnknownMarker, 0, repositoryEnd) >= 0)
        {
            return BaseImageKind.Unknown;
        }

        var componentStart = repositoryEnd == 0 ? 0 : image.LastIndexOf('/', repositoryEnd - 1) + 1;
        return repositoryEnd - componentStart == "golang".Length && string.Compare(image, componentStart, "golang", 0, "golang".Length, StringComparison.OrdinalIgnoreCase) == 0
            ? BaseImageKind.Golang
            : BaseImageKind.Other;
    }

    internal static bool IsWindowsImage(string image)
    {
        if (!IsAscii(image))
        {
            // Lower-casing outside ASCII can turn other letters into these names' letters (U+212A into 'k').
            return IsWindowsImageLowered(image.ToLowerInvariant());
        }

        // One pass: each name is tried only where its first letter is. "windowsservercore" contains "servercore",
        // so looking for the latter finds both.
        for (var i = 0; i < image.Length; i++)
        {
            var found = (image[i] | 0x20) switch
            {
                'n' => StartsAt(image, i, "nanoserver"),
                's' => StartsAt(image, i, "servercore"),
                'm' => StartsAt(image, i, "mcr.microsoft.com/windows"),
                'd' => StartsAt(image, i, "dotnet/framework"),
                'l' => StartsAt(image, i, "ltsc20") && i + 7 < image.Length && char.IsDigit(image[i + 6]) && char.IsDigit(image[i + 7]),
                _ => false,
            };
            if (found)
            {
                return true;
            }
        }

        return false;
    }

    // image[at...] starts with lowerAscii, ignoring ASCII case.
    private static bool StartsAt(string image, int at, string lowerAscii)
    {
        if (at + lowerAscii.Length > image.Length)
        {
            return false;
        }

        for (var k = 0; k < lowerAscii.Length; k++)
        {
            var c = image[at + k];
            if ((c >= 'A' && c <= 'Z' ? (char)(c + 32) : c) != lowerAscii[k])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWindowsImageLowered(string lower)
    {
        if (lower.Contains("nanoserver") || lower.Contains("windowsservercore") || lower.Contains("servercore")
            || lower.Contains("mcr.microsoft.com/windows") || lower.Contains("dotnet/framework"))
        {
            return true;
        }

        var ltsc = lower.IndexOf("ltsc20", StringComparison.Ordinal);
        return ltsc >= 0 && ltsc + 7 < lower.Length && char.IsDigit(lower[ltsc + 6]) && char.IsDigit(lower[ltsc + 7]);
    }

    private static bool IsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    private static StageState Apply(Instruction instruction, StageState state, GlobalArgTable globalArgs, ExecutedCommand[] commands)
    {
        switch (instruction.Kind)
        {
            case InstructionKind.Arg:
                return ApplyArg(instruction, state, globalArgs);
            case InstructionKind.Env:
                var withEnv = state.Clone();
                foreach (var pair in instruction.KeyValueArray)
                {
                    var value = VariableExpander.Expand(pair.Value?.Value ?? string.Empty, state.Escape, withEnv, out var unknown);
                    withEnv.SetEnv(pair.Key.Value, unknown ? null : value);
                }

                return withEnv;
            case InstructionKind.User when instruction.ArgumentWords.Count > 0:
                var withUser = state.Clone();
                // An unresolved part keeps the unknown marker, so such a user is never taken for root.
                withUser.User = VariableExpander.Expand(instruction.ArgumentWords[0].Value, state.Escape, state, out _);
                return withUser;
            case InstructionKind.Workdir when instruction.ArgumentWords.Count > 0:
                var withWorkdir = state.Clone();
                var workdir = VariableExpander.Expand(instruction.ArgumentWords[0].Value, state.Escape, state, out _);
                withWorkdir.Workdir = UnixPath.Resolve(workdir, state.Workdir);
                return withWorkdir;
            case InstructionKind.Shell when instruction.IsJsonForm && instruction.ArgumentWords.Count > 0:
                var withShell = state.Clone();
                var program = instruction.ArgumentWords[0].Value.ToLowerInvariant();
                withShell.Shell = program.Contains("powershell") || program.Contains("pwsh") ? ShellDialect.PowerShell
                    : program.EndsWith("cmd", StringComparison.Ordinal) || program.EndsWith("cmd.exe", StringComparison.Ordinal) ? ShellDialect.Cmd
                    : ShellDialect.Posix;
                return withShell;
            case InstructionKind.Run:
                return ApplyGoEnvWrites(state, commands);
            default:
                return state;
        }
    }

    private static StageState ApplyArg(Instruction instruction, StageState state, GlobalArgTable globalArgs)
    {
        var isGlobal = state.StageIndex < 0;
        var withArgs = state.Clone();
        foreach (var pair in instruction.KeyValueArray)
        {
            var name = pair.Key.Value;
            string? value;
            if (pair.Value == null)
            {
                // A re-declared global ARG takes the global default.
                value = !isGlobal && globalArgs.Values.TryGetValue(name, out var globalDefault) ? globalDefault : null;
            }
            else
            {
                value = VariableExpander.Expand(pair.Value.Value, state.Escape, isGlobal ? globalArgs : withArgs, out var unknown);
                value = unknown ? null : value;
            }

            if (isGlobal)
            {
                globalArgs.Set(name, value);
            }
            else
            {
                withArgs.SetArg(name, value);
            }
        }

        return withArgs;
    }

    // `go env -w NAME=value` writes Go's env file, which later RUNs of the stage read.
    private static StageState ApplyGoEnvWrites(StageState state, ExecutedCommand[] commands)
    {
        StageState? updated = null;
        for (var index = 0; index < commands.Length; index++)
        {
            AnalysisCancellation.PollAt(index);
            var command = commands[index];
            if (!GoCommand.IsGo(command) || !command.ArgumentIs(0, "env") || !command.HasArgument("-w"))
            {
                continue;
            }

            for (var i = 0; i < command.ArgumentCount; i++)
            {
                var argument = command.Argument(i);
                var equals = argument.IndexOf('=');
                if (equals > 0)
                {
                    updated ??= state.Clone();
                    updated.SetGoEnv(argument.Substring(0, equals), argument.Substring(equals + 1));
                }
            }
        }

        return updated ?? state;
    }

    /// <summary>The ARGs before the first FROM, as FROM lines and global ARG defaults see them.</summary>
    private sealed class GlobalArgTable : IVariableLookup
    {
        private static readonly Dictionary<string, string?> None = new(StringComparer.Ordinal);

        public Dictionary<string, string?> Values { get; private set; } = None;

        public void Set(string name, string? value)
        {
            if (ReferenceEquals(Values, None))
            {
                Values = new Dictionary<string, string?>(StringComparer.Ordinal);
            }

            Values[name] = value;
        }

        public string? Lookup(string name) => Values.TryGetValue(name, out var value) ? value : null;
    }
}
