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
    // The model's tables, and where the instruction's state and, for a RUN, its commands and mounts are in them
    // (-1: no RUN): indexes rather than the values, as most instructions share the state of the one before and most
    // are no RUN. A large file has hundreds of thousands of facts.
    private readonly ModelTables _tables;
    private readonly int _stateIndex;
    private readonly int _runIndex;

    // The kinds, so that the rules' walks over every instruction pass the ones they skip without reading them: in
    // a large file the instructions lie far apart in memory, and reading each costs a cache miss.
    private readonly byte _kind;
    private readonly byte _effectiveKind;

    public InstructionFacts(Instruction instruction, ModelTables tables, int stateIndex, int runIndex)
    {
        Instruction = instruction;
        _tables = tables;
        _stateIndex = stateIndex;
        _runIndex = runIndex;
        _kind = (byte)instruction.Kind;
        _effectiveKind = (byte)instruction.Effective.Kind;
    }

    /// <summary>The instruction as written (ONBUILD included).</summary>
    public Instruction Instruction { get; }

    /// <summary>The instruction that acts: ONBUILD's trigger or the instruction itself.</summary>
    public Instruction Effective => Instruction.Effective;

    /// <summary>The kind of the instruction as written (ONBUILD included).</summary>
    public InstructionKind Kind => (InstructionKind)_kind;

    /// <summary>The kind of the instruction that acts.</summary>
    public InstructionKind EffectiveKind => (InstructionKind)_effectiveKind;

    /// <summary>The state before the instruction runs.</summary>
    public StageState State => _tables.States[_stateIndex];

    /// <summary>
    /// For a RUN (also under ONBUILD): the commands it executes; empty otherwise. A RUN can execute hundreds of
    /// thousands of commands: the walks over them poll <see cref="AnalysisCancellation"/>.
    /// </summary>
    public RunCommandList Commands => _runIndex < 0 ? default : _tables.Runs[_runIndex].Commands;

    /// <summary>For a RUN: its <c>--mount</c> flags, read once for every rule that needs them; empty otherwise.</summary>
    public RunMount[] Mounts => _runIndex < 0 ? Array.Empty<RunMount>() : _tables.Runs[_runIndex].Mounts;
}

/// <summary>
/// One walk over the instructions that every rule shares: stages, their variables and paths,
/// and the commands of every RUN, computed once per analysis.
/// </summary>
internal sealed class BuildModel
{
    private readonly ModelTables _tables;

    private BuildModel(ModelTables tables)
    {
        _tables = tables;
    }

    /// <summary>The instructions with their facts; the rules' walks over them poll <see cref="AnalysisCancellation"/>.</summary>
    public List<InstructionFacts> Instructions => _tables.Facts;

    public static BuildModel Create(DockerfileSyntax syntax, CancellationToken cancellationToken)
    {
        var escape = syntax.EscapeCharacter;
        var tables = ModelTables.Rent();
        var globalArgs = new GlobalArgTable(tables.GlobalArgs);
        var facts = tables.Facts;
        Reserve(syntax, tables);

        var state = new StageState(-1, escape);
        var stateIndex = tables.AddState(state);
        var runCommands = RunCommands.ForThisThread();
        foreach (var instruction in syntax.InstructionList)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (instruction.Kind == InstructionKind.From)
            {
                if (state.StageIndex >= 0)
                {
                    tables.FinishedStages.Add(stateIndex);
                }

                state = StartStage(instruction, tables, globalArgs, escape);
                stateIndex = tables.AddState(state);
                facts.Add(new InstructionFacts(instruction, tables, stateIndex, runIndex: -1));
                continue;
            }

            var effective = instruction.Effective;
            var commands = default(RunCommandList);
            var runIndex = -1;
            if (effective.Kind == InstructionKind.Run)
            {
                commands = runCommands.Collect(syntax, effective, state.Dialect, tables);
                runIndex = tables.AddRun(commands, RunMount.Read(effective, state));
            }

            facts.Add(new InstructionFacts(instruction, tables, stateIndex, runIndex));

            // ONBUILD triggers run in a later build, so they do not change this stage's state.
            if (instruction.Kind != InstructionKind.Onbuild && Apply(instruction, ref state, globalArgs, commands))
            {
                stateIndex = tables.AddState(state);
            }
        }

        return new BuildModel(tables);
    }

    // Counts what the tables will hold, so that a large file's tables are made at about their size instead of
    // growing by copies: the facts, the states (an instruction that may change the state makes one; a RUN does only
    // with `go env -w`), the RUNs (ONBUILDs counted too, as their trigger may be one) and the stages.
    private static void Reserve(DockerfileSyntax syntax, ModelTables tables)
    {
        var states = 1;
        var runs = 0;
        var stages = 0;
        foreach (var instruction in syntax.InstructionList)
        {
            switch (instruction.Kind)
            {
                case InstructionKind.From:
                    stages++;
                    states++;
                    break;
                case InstructionKind.Arg or InstructionKind.Env or InstructionKind.User or InstructionKind.Workdir or InstructionKind.Shell:
                    states++;
                    break;
                case InstructionKind.Run or InstructionKind.Onbuild:
                    runs++;
                    break;
            }
        }

        tables.Reserve(syntax.Instructions.Count, states, runs, stages);
    }

    /// <summary>
    /// Gives the model's tables back to the thread for its next model, at the end of the analysis that made it:
    /// nothing may read the model, its facts or its commands afterwards.
    /// </summary>
    public void Release() => _tables.Return();

    private static StageState StartStage(Instruction from, ModelTables tables, GlobalArgTable globalArgs, char escape)
    {
        var finished = tables.FinishedStages;
        var stageNames = tables.StageNames;
        var stageIndex = finished.Count;
        var words = from.ArgumentWords;
        var image = words.Count > 0 ? VariableExpander.Expand(words[0].Value, escape, globalArgs, out _) : string.Empty;
        var stageName = words.Count >= 3 && string.Equals(words[1].Value, "AS", StringComparison.OrdinalIgnoreCase) ? words[2].Value : null;
        var state = stageNames.Count > 0 && stageNames.TryGetValue(image, out var parentIndex) && parentIndex < finished.Count
            ? tables.States[finished[parentIndex]].InheritFor(stageIndex, stageName)
            : new StageState(stageIndex, escape, stageName, ClassifyBaseImage(image), IsWindowsImage(image));
        if (stageName != null)
        {
            stageNames[stageName] = stageIndex;
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

    // Makes state the state after the instruction; false when the instruction leaves it as it was.
    private static bool Apply(Instruction instruction, ref StageState state, GlobalArgTable globalArgs, RunCommandList commands)
    {
        switch (instruction.Kind)
        {
            case InstructionKind.Arg:
                return ApplyArg(instruction, ref state, globalArgs);
            case InstructionKind.Env:
                foreach (var pair in instruction.KeyValueArray)
                {
                    var value = VariableExpander.Expand(pair.Value?.Value ?? string.Empty, state.Escape, state, out var unknown);
                    state = state.WithEnv(pair.Key.Value, unknown ? null : value);
                }

                return true;
            case InstructionKind.User when instruction.ArgumentWords.Count > 0:
                // An unresolved part keeps the unknown marker, so such a user is never taken for root.
                state = state.WithUser(VariableExpander.Expand(instruction.ArgumentWords[0].Value, state.Escape, state, out _));
                return true;
            case InstructionKind.Workdir when instruction.ArgumentWords.Count > 0:
                var workdir = VariableExpander.Expand(instruction.ArgumentWords[0].Value, state.Escape, state, out _);
                state = state.WithWorkdir(UnixPath.Resolve(workdir, state.Workdir));
                return true;
            case InstructionKind.Shell when instruction.IsJsonForm && instruction.ArgumentWords.Count > 0:
                var program = instruction.ArgumentWords[0].Value.ToLowerInvariant();
                var dialect = program.Contains("powershell") || program.Contains("pwsh") ? ShellDialect.PowerShell
                    : program.EndsWith("cmd", StringComparison.Ordinal) || program.EndsWith("cmd.exe", StringComparison.Ordinal) ? ShellDialect.Cmd
                    : ShellDialect.Posix;
                state = state.WithShell(dialect);
                return true;
            case InstructionKind.Run:
                return ApplyGoEnvWrites(ref state, commands);
            default:
                return false;
        }
    }

    // A stage's ARGs change its state; the global ones (before the first FROM) only the global table.
    private static bool ApplyArg(Instruction instruction, ref StageState state, GlobalArgTable globalArgs)
    {
        var isGlobal = state.StageIndex < 0;
        foreach (var pair in instruction.KeyValueArray)
        {
            var name = pair.Key.Value;
            string? value;
            if (pair.Value == null)
            {
                // A re-declared global ARG takes the global default.
                value = isGlobal ? null : globalArgs.Lookup(name);
            }
            else
            {
                bool unknown;
                value = isGlobal
                    ? VariableExpander.Expand(pair.Value.Value, state.Escape, globalArgs, out unknown)
                    : VariableExpander.Expand(pair.Value.Value, state.Escape, state, out unknown);
                value = unknown ? null : value;
            }

            if (isGlobal)
            {
                globalArgs.Set(name, value);
            }
            else
            {
                state = state.WithArg(name, value);
            }
        }

        return !isGlobal;
    }

    // `go env -w NAME=value` writes Go's env file, which later RUNs of the stage read.
    private static bool ApplyGoEnvWrites(ref StageState state, RunCommandList commands)
    {
        var written = false;
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
                    state = state.WithGoEnv(argument.Substring(0, equals), argument.Substring(equals + 1));
                    written = true;
                }
            }
        }

        return written;
    }

    /// <summary>The ARGs before the first FROM, as FROM lines and global ARG defaults see them.</summary>
    // The ARGs declared before the first FROM with their defaults, as FROM lines and stages' ARGs see them.
    private readonly struct GlobalArgTable : IVariableLookup
    {
        private readonly Dictionary<string, string?> _values;

        public GlobalArgTable(Dictionary<string, string?> values)
        {
            _values = values;
        }

        public void Set(string name, string? value) => _values[name] = value;

        public string? Lookup(string name) => _values.TryGetValue(name, out var value) ? value : null;
    }
}
