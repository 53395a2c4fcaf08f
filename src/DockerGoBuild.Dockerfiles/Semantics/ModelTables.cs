using System;
using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// The tables a <see cref="BuildModel"/>'s values point into: the facts of its instructions, the commands of its
/// RUNs and their arguments, the states its instructions see, and while it is built, its global ARGs and its finished stages by index and name. The model lives only as long as one analysis, and a thread analyses one file after
/// another (in the IDE, the same file on every keystroke): so the thread keeps the tables of its last model for its
/// next one, and a model allocates none of them once they are large enough.
/// </summary>
internal sealed class ModelTables
{
    /// <summary>Tables whose arrays grew past this many entries (a file of many thousands of lines) are not kept.</summary>
    public const int MaxRetainedLength = 1 << 16;

    [ThreadStatic]
    private static ModelTables? spare;

    private ExecutedCommand[] _commands = new ExecutedCommand[64];
    private int _commandCount;

    private ModelTables()
    {
    }

    public List<InstructionFacts> Facts { get; } = new();

    public CommandArguments Arguments { get; } = new();

    /// <summary>The states the model's instructions see, each once: an instruction's facts hold the index of its state.</summary>
    public List<StageState> States { get; } = new();

    /// <summary>The ARGs declared before the first FROM with their defaults, while the model is built.</summary>
    public Dictionary<string, string?> GlobalArgs { get; } = new(StringComparer.Ordinal);

    /// <summary>The stages finished so far while the model is built, by index.</summary>
    public List<StageState> Stages { get; } = new();

    /// <summary>The stage indexes of the stage names declared so far while the model is built (names ignore case, as BuildKit's do).</summary>
    public Dictionary<string, int> StageNames { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The number of commands so far: the index the next one gets.</summary>
    public int CommandCount => _commandCount;

    /// <summary>
    /// Empty tables for the model of <paramref name="source"/>: the thread's spare ones, or new ones when it has
    /// none (also when a model it made is still in use, as its tables are not given back until it is released).
    /// </summary>
    public static ModelTables Rent(string source)
    {
        var tables = spare ?? new ModelTables();
        spare = null;
        tables.Arguments.Reset(source);
        return tables;
    }

    /// <summary>Keeps the tables for the thread's next model; nothing may read the model they belonged to after this.</summary>
    public void Return()
    {
        // The facts and commands refer to the file's syntax: cleared, so that the thread does not keep it alive.
        var retainable = Facts.Capacity <= MaxRetainedLength && _commands.Length <= MaxRetainedLength && Arguments.IsRetainable
            && Stages.Capacity <= MaxRetainedLength && StageNames.Count <= MaxRetainedLength && GlobalArgs.Count <= MaxRetainedLength
            && States.Capacity <= MaxRetainedLength;
        Facts.Clear();
        Array.Clear(_commands, 0, _commandCount);
        _commandCount = 0;
        Arguments.Reset(string.Empty);
        Stages.Clear();
        StageNames.Clear();
        GlobalArgs.Clear();
        States.Clear();
        if (retainable)
        {
            spare = this;
        }
    }

    /// <summary>Adds a state for the instructions from here on; returns its index.</summary>
    public int AddState(in StageState state)
    {
        States.Add(state);
        return States.Count - 1;
    }

    public void AddCommand(in ExecutedCommand command)
    {
        if (_commandCount == _commands.Length)
        {
            Array.Resize(ref _commands, _commands.Length * 2);
        }

        _commands[_commandCount++] = command;
    }

    /// <summary>The commands [<paramref name="first"/>, + <paramref name="count"/>) of the table as it is now.</summary>
    public RunCommandList Commands(int first, int count) => new(_commands, first, count);
}
