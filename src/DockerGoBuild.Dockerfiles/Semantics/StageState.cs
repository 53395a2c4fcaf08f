using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using DockerGoBuild.Dockerfiles.Shell;

namespace DockerGoBuild.Dockerfiles.Semantics;

internal enum BaseImageKind
{
    Other,
    Golang,
    Unknown,
}

/// <summary>
/// The build state an instruction sees: its stage's base image, ENV, ARGs in scope, USER, WORKDIR,
/// SHELL and what earlier <c>go env -w</c> wrote. An instruction that changes the state makes a new one, and the
/// instructions after it until the next change share it through the model's state table. A value that stays
/// in that table, which the thread keeps from model to model: a file makes a state for nearly every other
/// instruction, and as objects they were most of what the model allocates. It is read where it lies (by reference,
/// <c>in</c> parameters), never copied. So the model makes a new state as a copy of the one before in the table's
/// next entry and changes that entry where it lies (the setters below, for the model alone); every other reader sees
/// states that no longer change. The variable tables are persistent maps, so states share them and a change costs
/// O(log n) however many variables the stage has.
/// </summary>
/// <remarks>
/// The tables, USER and WORKDIR are in the model's tables (see <see cref="ModelTables.SetStateValue"/>), each once,
/// as it is set: a state holds where, as numbers, and its tables, which are old by the time a large file is read. A
/// state holding the values themselves had each copy write references to new objects into the state table, which a
/// large file's keeps from analysis to analysis: every collection during the model then read the whole table.
/// </remarks>
internal struct StageState : IVariableLookup
{
    // The tables that hold the values; null in a state made outside a model, which has none.
    private ModelTables? _tables;

    // Where the values are in _tables (see ModelTables.StateValue), 0 for none: the tables empty, the USER unset (root),
    // the WORKDIR unset (the root, where a stage starts, or unknown with _workdirUnknown).
    private int _env;
    private int _args;
    private int _goEnvFile;
    private int _user;
    private int _workdir;
    private bool _workdirUnknown;

    public int StageIndex { get; private set; }

    public char Escape { get; private set; }

    public BaseImageKind BaseImage { get; private set; }

    public bool IsWindows { get; private set; }

    /// <summary>ENV values; null for a value that refers to something unknown.</summary>
    public readonly IReadOnlyDictionary<string, string?> Env => EnvMap;

    /// <summary>ARGs in scope with their defaults (null: declared without a value, unset in a default build).</summary>
    public readonly IReadOnlyDictionary<string, string?> Args => ArgMap;

    /// <summary>Values written by <c>go env -w</c> in earlier RUNs (Go's env file).</summary>
    public readonly IReadOnlyDictionary<string, string> GoEnvFile => GoEnvFileMap;

    /// <summary>The USER, expanded; null when never set (root).</summary>
    public readonly string? User => _user == 0 ? null : _tables!.StateValue<string>(_user);

    /// <summary>The WORKDIR; null when it refers to something unknown.</summary>
    public readonly string? Workdir => _workdir != 0 ? _tables!.StateText(_workdir) : _workdirUnknown ? null : "/";

    public ShellDialect? Shell { get; private set; }

    public readonly ShellDialect Dialect => Shell ?? (IsWindows ? ShellDialect.Cmd : ShellDialect.Posix);

    /// <summary>The ENV table, for the model to set variables in (see <see cref="SetEnv"/>).</summary>
    internal readonly PersistentMap<string?> EnvMap => _env == 0 ? PersistentMap<string?>.Empty : _tables!.StateValue<PersistentMap<string?>>(_env);

    /// <summary>The ARG table, for the model to set variables in (see <see cref="SetArgs"/>).</summary>
    internal readonly PersistentMap<string?> ArgMap => _args == 0 ? PersistentMap<string?>.Empty : _tables!.StateValue<PersistentMap<string?>>(_args);

    /// <summary>Go's env file, for the model to set variables in (see <see cref="SetGoEnvFile"/>).</summary>
    internal readonly PersistentMap<string> GoEnvFileMap => _goEnvFile == 0 ? PersistentMap<string>.Empty : _tables!.StateValue<PersistentMap<string>>(_goEnvFile);

    /// <summary>
    /// Makes this (the model table's next entry, which may hold a state of an earlier model) the state a stage starts
    /// with, as the constructor does, where it lies: empty tables, the root for USER and WORKDIR.
    /// <paramref name="tables"/>: the tables that will hold the values the model sets.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Start(ModelTables? tables, int stageIndex, char escape, BaseImageKind baseImage, bool isWindows)
    {
        SetTables(tables);
        _env = _args = _goEnvFile = _user = _workdir = 0;
        _workdirUnknown = false;
        StageIndex = stageIndex;
        Escape = escape;
        BaseImage = baseImage;
        IsWindows = isWindows;
        Shell = null;
    }

    /// <summary>
    /// Makes this (the model table's next entry, which may hold a state of an earlier model) a copy of
    /// <paramref name="other"/>, field by field, inlined where the table adds the entry: a copy of the whole struct
    /// into the table goes through a general block copy with a write barrier, which costs more.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void CopyFrom(in StageState other)
    {
        SetTables(other._tables);
        _env = other._env;
        _args = other._args;
        _goEnvFile = other._goEnvFile;
        _user = other._user;
        _workdir = other._workdir;
        _workdirUnknown = other._workdirUnknown;
        StageIndex = other.StageIndex;
        Escape = other.Escape;
        BaseImage = other.BaseImage;
        IsWindows = other.IsWindows;
        Shell = other.Shell;
    }

    // The entries of a table keep the tables they are in from model to model (see ModelTables.Return): written only
    // when they differ, which spares the write barrier of nearly every state.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetTables(ModelTables? tables)
    {
        if (!ReferenceEquals(_tables, tables))
        {
            _tables = tables;
        }
    }

    /// <summary>Makes this (a new state in the model's table) the state a stage built FROM this one's stage starts with: its ENV, USER, WORKDIR and SHELL, no ARGs.</summary>
    internal void InheritFor(int stageIndex)
    {
        StageIndex = stageIndex;
        _args = 0;
    }

    internal void SetEnv(PersistentMap<string?> env) => _tables!.SetStateValue(ref _env, env);

    internal void SetArgs(PersistentMap<string?> args) => _tables!.SetStateValue(ref _args, args);

    internal void SetGoEnvFile(PersistentMap<string> goEnvFile) => _tables!.SetStateValue(ref _goEnvFile, goEnvFile);

    internal void SetUser(string user) => _tables!.SetStateValue(ref _user, user);

    internal void SetWorkdir(string? workdir)
    {
        if (workdir == null)
        {
            _workdir = 0;
        }
        else
        {
            _tables!.SetStateValue(ref _workdir, workdir);
        }

        _workdirUnknown = workdir == null;
    }

    /// <summary>Sets the WORKDIR to the text that lies in the file's source from <paramref name="sourceStart"/> (see <see cref="ModelTables.AddStateText"/>).</summary>
    internal void SetWorkdirInSource(int sourceStart, int length)
    {
        _workdir = _tables!.AddStateText(sourceStart, length);
        _workdirUnknown = false;
    }

    internal void SetShell(ShellDialect shell) => Shell = shell;

    public readonly string? Lookup(string name, IReadOnlyDictionary<string, string>? commandVariables = null)
    {
        if (commandVariables != null && commandVariables.TryGetValue(name, out var inline))
        {
            return inline;
        }

        // The tables read only when set: most states have no ARG, many no ENV, nearly all no go env -w.
        if (_env != 0 && EnvMap.TryGetValue(name, out var env))
        {
            return env;
        }

        if (_args != 0 && ArgMap.TryGetValue(name, out var arg) && arg != null)
        {
            return arg;
        }

        return _goEnvFile != 0 && GoEnvFileMap.TryGetValue(name, out var goEnv) ? goEnv : null;
    }

    /// <summary>A variable for Dockerfile word expansion (ENV and ARG only), its name read where it lies.</summary>
    public readonly string? LookupBuildVariable(ReadOnlySpan<char> name)
    {
        // The tables read only when set.
        if (_env != 0 && EnvMap.TryGetValue(name, out var env))
        {
            return env;
        }

        return _args != 0 && ArgMap.TryGetValue(name, out var arg) ? arg : null;
    }

    /// <summary>The ARG of that name in scope and its default (null: declared without a value, or unknown).</summary>
    public readonly bool TryGetArg(ReadOnlySpan<char> name, out string? value)
    {
        if (_args != 0)
        {
            return ArgMap.TryGetValue(name, out value);
        }

        value = null;
        return false;
    }

    readonly string? IVariableLookup.Lookup(ReadOnlySpan<char> name) => LookupBuildVariable(name);

    public readonly bool IsRoot
    {
        get
        {
            var user = User;
            if (user == null)
            {
                return true;
            }

            var colon = user.IndexOf(':');
            var length = colon >= 0 ? colon : user.Length;
            return (length == 4 && string.CompareOrdinal(user, 0, "root", 0, 4) == 0) || (length == 1 && user[0] == '0');
        }
    }

    /// <summary>$HOME: ENV HOME, else /root for root; unknown for other users and Windows.</summary>
    public readonly string? Home(IReadOnlyDictionary<string, string>? commandVariables = null)
    {
        var home = Lookup("HOME", commandVariables);
        if (home != null)
        {
            return home;
        }

        return !IsWindows && IsRoot ? "/root" : null;
    }
}

/// <summary>
/// The build variables of the state at an index of the model's table, looked up where the state lies: a word is
/// expanded with these rather than with a copy of the state.
/// </summary>
internal readonly struct StateLookup : IVariableLookup
{
    private readonly ModelTables _tables;
    private readonly int _index;

    public StateLookup(ModelTables tables, int index)
    {
        _tables = tables;
        _index = index;
    }

    /// <summary>The state's escape character.</summary>
    public char Escape => _tables.State(_index).Escape;

    public string? Lookup(ReadOnlySpan<char> name) => _tables.State(_index).LookupBuildVariable(name);
}
