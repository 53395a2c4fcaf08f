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

    /// <summary>The state before the instruction runs, where it lies in the model's table.</summary>
    public ref readonly StageState State => ref _tables.State(_stateIndex);

    /// <summary>Where <see cref="State"/> is in the model's table: instructions with the same index see the same state.</summary>
    public int StateIndex => _stateIndex;

    /// <summary>
    /// For a RUN (also under ONBUILD): the commands it executes; empty otherwise. A RUN can execute hundreds of
    /// thousands of commands: the walks over them poll <see cref="AnalysisCancellation"/>.
    /// </summary>
    public RunCommandList Commands => _runIndex < 0 ? default : _tables.RunCommands(_runIndex);

    /// <summary>
    /// For a RUN: true when one of its commands is one whose arguments are read (go, xx-go, dotnet), told without
    /// reading the commands the model left unread (see <see cref="RunCommands.Collect"/>).
    /// </summary>
    public bool HasCommandsWithArgumentsRead => _runIndex >= 0 && _tables.Runs[_runIndex].Commands.HasArgumentsRead;

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

    /// <summary>
    /// The indexes in <see cref="Instructions"/> of the RUNs (ONBUILD RUN included), ascending: the rules that read
    /// only RUNs walk these rather than every instruction.
    /// </summary>
    public List<int> RunIndexes => _tables.RunIndexes;

    /// <summary>The indexes in <see cref="Instructions"/> of the COPYs and ADDs (under ONBUILD too), ascending.</summary>
    public List<int> CopyIndexes => _tables.CopyIndexes;

    /// <summary>The indexes in <see cref="Instructions"/> of the ARGs and ENVs (under ONBUILD too), ascending.</summary>
    public List<int> ArgAndEnvIndexes => _tables.ArgAndEnvIndexes;

    public static BuildModel Create(DockerfileSyntax syntax, CancellationToken cancellationToken)
    {
        var escape = syntax.EscapeCharacter;
        var tables = ModelTables.Rent(syntax);
        var globalArgs = new GlobalArgTable(tables.GlobalArgs);
        var facts = tables.Facts;
        if (!tables.Holds(syntax.InstructionList.Length))
        {
            Reserve(syntax, tables);
        }

        var state = new StageState(-1, escape);
        var stateIndex = tables.AddState(state);
        var runCommands = RunCommands.ForThisThread();
        var instructions = syntax.InstructionList;
        for (var index = 0; index < instructions.Length; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var instruction = instructions[index];
            if (instruction.Kind == InstructionKind.From)
            {
                if (state.StageIndex >= 0)
                {
                    tables.FinishedStages.Add(stateIndex);
                }

                state = StartStage(instruction, syntax.Text, tables, globalArgs, escape);
                stateIndex = tables.AddState(state);
                facts.Add(new InstructionFacts(instruction, tables, stateIndex, runIndex: -1));
                continue;
            }

            var effective = instruction.Effective;
            var commands = default(RunCommandList);
            var runIndex = -1;
            if (effective.Kind == InstructionKind.Run)
            {
                commands = runCommands.Collect(syntax, effective, state.Dialect, tables, out var readLater);
                runIndex = tables.AddRun(commands, RunMount.Read(effective, state), readLater ? effective : null, state.Dialect);
            }

            facts.Add(new InstructionFacts(instruction, tables, stateIndex, runIndex));
            tables.AddToKindIndexes(effective.Kind, facts.Count - 1);

            // ONBUILD triggers run in a later build, so they do not change this stage's state.
            if (instruction.Kind != InstructionKind.Onbuild && Apply(instruction, ref state, globalArgs, commands))
            {
                stateIndex = tables.AddState(state);
            }
        }

        // Tables given back come with the model they were of, as a thread's models are used one after another.
        return tables.Model ??= new BuildModel(tables);
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

    private static StageState StartStage(Instruction from, string source, ModelTables tables, GlobalArgTable globalArgs, char escape)
    {
        var finished = tables.FinishedStages;
        var stageIndex = finished.Count;
        var words = from.ArgumentWords;

        // The image is text[imageStart, + imageLength): where it lies in the source when it is its own value in one
        // piece of the line (most are), so that no string is made of it, or else its expanded value.
        var text = string.Empty;
        var imageStart = 0;
        var imageLength = 0;
        if (words.Count > 0)
        {
            if (words[0].TryGetLineValue(out var line, out var start, out var length) && line.PieceCount == 1
                && !VariableExpander.Changes(source, line.ToSource(start), length, escape))
            {
                text = source;
                imageStart = line.ToSource(start);
                imageLength = length;
            }
            else
            {
                text = VariableExpander.Expand(words[0].Value, escape, globalArgs, out _);
                imageLength = text.Length;
            }
        }

        var stageName = words.Count >= 3 && IsAs(words[1]) ? words[2].Value : null;
        var state = tables.TryGetStage(text, imageStart, imageLength, out var parentIndex) && parentIndex < finished.Count
            ? tables.State(finished[parentIndex]).InheritFor(stageIndex, stageName)
            : new StageState(stageIndex, escape, stageName, ClassifyBaseImage(text, imageStart, imageLength), IsWindowsImage(text, imageStart, imageLength));
        if (stageName != null)
        {
            tables.AddStageName(stageName, stageIndex);
        }

        return state;
    }

    // The word is AS in any case, compared where it lies (a word that is not plain ASCII compares as a string).
    private static bool IsAs(ArgumentWord word)
    {
        if (!word.TryGetLineValue(out var line, out var start, out var length))
        {
            return string.Equals(word.Value, "AS", StringComparison.OrdinalIgnoreCase);
        }

        if (length != 2)
        {
            return false;
        }

        var first = line.CharAt(start);
        var second = line.CharAt(start + 1);
        return first < 0x80 && second < 0x80
            ? (first | 0x20) == 'a' && (second | 0x20) == 's'
            : string.Equals(word.Value, "AS", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// golang when the repository's last path component is golang; unknown when the repository itself is unresolved.
    /// The image is text[start, + length), read where it lies.
    /// </summary>
    internal static BaseImageKind ClassifyBaseImage(string text, int start, int length)
    {
        // reference = image up to '@'; repository = reference up to the ':' after its last '/'. One pass finds both.
        var end = start + length;
        var referenceEnd = end;
        var lastSlash = start - 1;
        var tag = -1;
        var firstUnknown = -1;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c == '@')
            {
                referenceEnd = i;
                break;
            }

            if (c == '/')
            {
                lastSlash = i;
                tag = -1;
            }
            else if (c == ':' && tag < 0)
            {
                tag = i;
            }
            else if (c == VariableExpander.UnknownMarker && firstUnknown < 0)
            {
                firstUnknown = i;
            }
        }

        var repositoryEnd = tag >= 0 ? tag : referenceEnd;
        if (repositoryEnd == start || (firstUnknown >= 0 && firstUnknown < repositoryEnd))
        {
            return BaseImageKind.Unknown;
        }

        var componentStart = lastSlash + 1;
        return repositoryEnd - componentStart == "golang".Length && string.Compare(text, componentStart, "golang", 0, "golang".Length, StringComparison.OrdinalIgnoreCase) == 0
            ? BaseImageKind.Golang
            : BaseImageKind.Other;
    }

    /// <summary>True when the image text[start, + length), read where it lies, names a Windows image.</summary>
    internal static bool IsWindowsImage(string text, int start, int length)
    {
        // One pass: each name is tried only where its first letter is. "windowsservercore" contains "servercore", so
        // looking for the latter finds both.
        var end = start + length;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            var letter = (uint)((c | 0x20) - 'a');
            if (letter >= 26)
            {
                if (c >= 0x80)
                {
                    // Lower-casing outside ASCII can turn other letters into these names' letters (U+212A into 'k').
                    return IsWindowsImageLowered(text.Substring(start, length).ToLowerInvariant());
                }

                continue;
            }

            if ((WindowsNameFirstLetters & (1u << (int)letter)) != 0 && IsWindowsNameAt(text, i, end))
            {
                return true;
            }
        }

        return false;
    }

    // The first letters of the names IsWindowsNameAt looks for, as bits (a: bit 0).
    private const uint WindowsNameFirstLetters = (1u << ('n' - 'a')) | (1u << ('s' - 'a')) | (1u << ('m' - 'a')) | (1u << ('d' - 'a')) | (1u << ('l' - 'a'));

    // A name that marks a Windows image starts at text[at] (ignoring ASCII case), the image ending at end. The second
    // letter is told apart first: these letters are common in image names, the names themselves rare.
    private static bool IsWindowsNameAt(string text, int at, int end)
    {
        var second = at + 1 < end ? text[at + 1] | 0x20 : 0;
        return (text[at] | 0x20) switch
        {
            'n' => second == 'a' && StartsAt(text, at, end, "nanoserver"),
            's' => second == 'e' && StartsAt(text, at, end, "servercore"),
            'm' => second == 'c' && StartsAt(text, at, end, "mcr.microsoft.com/windows"),
            'd' => second == 'o' && StartsAt(text, at, end, "dotnet/framework"),
            _ => second == 't' && StartsAt(text, at, end, "ltsc20") && at + 7 < end && char.IsDigit(text[at + 6]) && char.IsDigit(text[at + 7]),
        };
    }

    // text[at, end) starts with lowerAscii, ignoring ASCII case.
    private static bool StartsAt(string text, int at, int end, string lowerAscii)
    {
        if (at + lowerAscii.Length > end)
        {
            return false;
        }

        for (var k = 0; k < lowerAscii.Length; k++)
        {
            var c = text[at + k];
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

    // Makes state the state after the instruction; false when the instruction leaves it as it was.
    private static bool Apply(Instruction instruction, ref StageState state, GlobalArgTable globalArgs, RunCommandList commands)
    {
        switch (instruction.Kind)
        {
            case InstructionKind.Arg:
                return ApplyArg(instruction, ref state, globalArgs);
            case InstructionKind.Env:
                foreach (var pair in instruction.KeyValueList)
                {
                    var value = VariableExpander.Expand(pair.Value?.Value ?? string.Empty, state.Escape, state, out var unknown);
                    state = state.WithEnv(pair.Key.Value, unknown ? null : value);
                }

                return true;
            case InstructionKind.User or InstructionKind.Workdir or InstructionKind.Shell:
                return ApplyFirstWord(instruction, ref state);
            case InstructionKind.Run:
                return ApplyGoEnvWrites(ref state, commands);
            default:
                return false;
        }
    }

    // USER, WORKDIR and SHELL (exec form) set what their first word says; false when there is none.
    private static bool ApplyFirstWord(Instruction instruction, ref StageState state)
    {
        // Read once: the instruction makes the view of its words on every call.
        var words = instruction.ArgumentWords;
        if (words.Count == 0)
        {
            return false;
        }

        switch (instruction.Kind)
        {
            case InstructionKind.User:
                // An unresolved part keeps the unknown marker, so such a user is never taken for root.
                state = state.WithUser(VariableExpander.Expand(words[0].Value, state.Escape, state, out _));
                return true;
            case InstructionKind.Workdir:
                var workdir = VariableExpander.Expand(words[0].Value, state.Escape, state, out _);
                state = state.WithWorkdir(UnixPath.Resolve(workdir, state.Workdir));
                return true;
            case InstructionKind.Shell when instruction.IsJsonForm:
                var program = words[0].Value.ToLowerInvariant();
                var dialect = program.Contains("powershell") || program.Contains("pwsh") ? ShellDialect.PowerShell
                    : program.EndsWith("cmd", StringComparison.Ordinal) || program.EndsWith("cmd.exe", StringComparison.Ordinal) ? ShellDialect.Cmd
                    : ShellDialect.Posix;
                state = state.WithShell(dialect);
                return true;
            default:
                return false;
        }
    }

    // A stage's ARGs change its state; the global ones (before the first FROM) only the global table.
    private static bool ApplyArg(Instruction instruction, ref StageState state, GlobalArgTable globalArgs)
    {
        var isGlobal = state.StageIndex < 0;
        foreach (var pair in instruction.KeyValueList)
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
        if (!commands.HasArgumentsRead)
        {
            // No go command.
            return false;
        }

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
