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
/// <c>in</c> parameters), never copied: a copy of this size costs a write barrier for each of its references. So
/// the model makes a new state as a copy of the one before in the table's next entry and changes that entry where
/// it lies (the setters below, for the model alone); every other reader sees states that no longer change. The
/// variable tables are persistent maps, so states share them and a change costs O(log n) however many variables
/// the stage has.
/// </summary>
internal struct StageState : IVariableLookup
{
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
    public string? User { get; private set; }

    /// <summary>The WORKDIR; null when it refers to something unknown.</summary>
    public readonly string? Workdir => _workdir ?? (_workdirUnknown ? null : "/");

    // The WORKDIR when one was set: null with _workdirUnknown false for the root, where a stage starts.
    private string? _workdir;
    private bool _workdirUnknown;

    public ShellDialect? Shell { get; private set; }

    public readonly ShellDialect Dialect => Shell ?? (IsWindows ? ShellDialect.Cmd : ShellDialect.Posix);

    /// <summary>The ENV table, for the model to set variables in (see <see cref="SetEnv"/>).</summary>
    internal readonly PersistentMap<string?> EnvMap => _envMap ?? PersistentMap<string?>.Empty;

    /// <summary>The ARG table, for the model to set variables in (see <see cref="SetArgs"/>).</summary>
    internal readonly PersistentMap<string?> ArgMap => _argMap ?? PersistentMap<string?>.Empty;

    /// <summary>Go's env file, for the model to set variables in (see <see cref="SetGoEnvFile"/>).</summary>
    internal readonly PersistentMap<string> GoEnvFileMap => _goEnvFileMap ?? PersistentMap<string>.Empty;

    // The tables, null while empty (most states have no ARG, many no ENV, nearly all no go env -w): a state is made
    // in the table's next entry, which is clear, and a null is not written there (see CopyFrom).
    private PersistentMap<string?>? _envMap;
    private PersistentMap<string?>? _argMap;
    private PersistentMap<string>? _goEnvFileMap;

    /// <summary>
    /// Makes this (the model table's next entry, which is clear) the state a stage starts with, as the constructor
    /// does, where it lies: a state made and then copied into the table goes through a general block copy with write
    /// barriers. Its references are all null (empty tables, the root for WORKDIR): none is written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Start(int stageIndex, char escape, BaseImageKind baseImage, bool isWindows)
    {
        StageIndex = stageIndex;
        Escape = escape;
        BaseImage = baseImage;
        IsWindows = isWindows;
    }

    /// <summary>
    /// Makes this (the model table's next entry, which is clear) a copy of <paramref name="other"/>, field by field: a
    /// copy of the whole struct into the table goes through a general block copy with write barriers, which costs
    /// more. Inlined where the table adds the entry, whose references are then written as into an array; a null one
    /// is not written, as the entry holds null already, which saves its write barrier.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void CopyFrom(in StageState other)
    {
        StageIndex = other.StageIndex;
        Escape = other.Escape;
        BaseImage = other.BaseImage;
        IsWindows = other.IsWindows;
        Shell = other.Shell;
        _workdirUnknown = other._workdirUnknown;
        if (other._envMap is { } env)
        {
            _envMap = env;
        }

        if (other._argMap is { } args)
        {
            _argMap = args;
        }

        if (other._goEnvFileMap is { } goEnvFile)
        {
            _goEnvFileMap = goEnvFile;
        }

        if (other.User is { } user)
        {
            User = user;
        }

        if (other._workdir is { } workdir)
        {
            _workdir = workdir;
        }
    }

    /// <summary>Makes this (a new state in the model's table) the state a stage built FROM this one's stage starts with: its ENV, USER, WORKDIR and SHELL, no ARGs.</summary>
    internal void InheritFor(int stageIndex)
    {
        StageIndex = stageIndex;
        _argMap = null;
    }

    internal void SetEnv(PersistentMap<string?> env) => _envMap = env;

    internal void SetArgs(PersistentMap<string?> args) => _argMap = args;

    internal void SetGoEnvFile(PersistentMap<string> goEnvFile) => _goEnvFileMap = goEnvFile;

    internal void SetUser(string user) => User = user;

    internal void SetWorkdir(string? workdir)
    {
        _workdir = workdir;
        _workdirUnknown = workdir == null;
    }

    internal void SetShell(ShellDialect shell) => Shell = shell;

    public readonly string? Lookup(string name, IReadOnlyDictionary<string, string>? commandVariables = null)
    {
        if (commandVariables != null && commandVariables.TryGetValue(name, out var inline))
        {
            return inline;
        }

        // The tables read where they are (null while empty), not through the properties that make them Empty.
        if (_envMap is { } envMap && envMap.TryGetValue(name, out var env))
        {
            return env;
        }

        if (_argMap is { } argMap && argMap.TryGetValue(name, out var arg) && arg != null)
        {
            return arg;
        }

        return _goEnvFileMap is { } goEnvFile && goEnvFile.TryGetValue(name, out var goEnv) ? goEnv : null;
    }

    /// <summary>A variable for Dockerfile word expansion (ENV and ARG only), its name read where it lies.</summary>
    public readonly string? LookupBuildVariable(ReadOnlySpan<char> name)
    {
        // The tables read where they are (null while empty), not through the properties that make them Empty.
        if (_envMap is { } envMap && envMap.TryGetValue(name, out var env))
        {
            return env;
        }

        return _argMap is { } argMap && argMap.TryGetValue(name, out var arg) ? arg : null;
    }

    /// <summary>The ARG of that name in scope and its default (null: declared without a value, or unknown).</summary>
    public readonly bool TryGetArg(ReadOnlySpan<char> name, out string? value)
    {
        if (_argMap is { } argMap)
        {
            return argMap.TryGetValue(name, out value);
        }

        value = null;
        return false;
    }

    readonly string? IVariableLookup.Lookup(ReadOnlySpan<char> name) => LookupBuildVariable(name);

    public readonly bool IsRoot
    {
        get
        {
            if (User == null)
            {
                return true;
            }

            var user = User;
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
